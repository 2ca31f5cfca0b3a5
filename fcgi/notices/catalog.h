/* Read access to a variant's catalog (xslt/catalogs/{variant}.xml, loaded once per process):
 * domains, nested categories and their required content items, found by stable codes. */
#ifndef XXGK_CATALOG_H
#define XXGK_CATALOG_H
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* "D01", "D01.C02", "D01.C02.C01": a domain or category code; items end in ".Inn". */
bool catalog_code_valid(const char *code);
/* The domain or category element with this code, or NULL. */
xmlNodePtr catalog_find(xmlDocPtr catalog, const char *code);
/* The item element with this code inside category, or NULL. */
xmlNodePtr catalog_item(xmlNodePtr category, const char *item_code);
/* Copies under dest, as <catalog>, the catalog's own attributes (its name, source and the
 * disclosure defaults), its time limits and channels, and the domain/category tree (codes and
 * names only) levels deep (1: the domains only, as the navigation of every public page; 0: all). */
void catalog_nav(xmlNodePtr dest, xmlDocPtr catalog, int levels);
/* Adds under dest, as <columns>, every domain and category in catalog order, flat: <column code
 * name indent>, indent an ideographic space a level, the one whose code is chosen (NULL: none)
 * marked selected. A form's choice of column: the stylesheet writes each option as it comes,
 * with no tree to walk (bench/README.md "Search at a million: the facets by one key"). */
void catalog_choices(xmlNodePtr dest, xmlDocPtr catalog, const char *chosen);
/* Column codes a notice in category appears in, outermost first ("D01", "D01.C02", ...).
 * Returns the count (at most max). */
size_t catalog_columns(const char *category_code, char out[][64], size_t max);
/* The attribute as a string owned by the caller's pool-free copy (xmlFree it), or NULL. */
char *catalog_attr(xmlNodePtr node, const char *name);
/* Working-day limit for publishing a notice of this category and decision kind. */
int catalog_limit_days(xmlDocPtr catalog, xmlNodePtr category, bool licensing_penalty);

#endif
