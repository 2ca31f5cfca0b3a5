#include "core/version.h"
#include "build_info.h"

const char *xxgk_version(void) { return XXGK_VERSION; }
int xxgk_schema_version(void) { return XXGK_SCHEMA_VERSION; }
const char *xxgk_program_path(void) { return XXGK_SBINDIR "/xxgk.fcgi"; }
const char *xxgk_spawn_path(void) { return XXGK_SPAWN; }
