/* What the programs know of their build: the release, the schema they were written for and
 * where the workers' program is installed (the Makefile writes them into build/gen/build_info.h
 * from debian/changelog, sql/ and PREFIX). */
#ifndef XXGK_VERSION_H
#define XXGK_VERSION_H

/* "0.9.1": debian/changelog's first entry. */
const char *xxgk_version(void);
/* The highest migration in sql/ at build time: the schema every statement of this build is
 * written for. */
int xxgk_schema_version(void);
/* The installed workers' program, SBINDIR/xxgk.fcgi. */
const char *xxgk_program_path(void);
/* The installed spawn-fcgi script, DATADIR/xxgk-spawn (the workers without systemd). */
const char *xxgk_spawn_path(void);

#endif
