<?php
// /xxgk/{site}/c/{code}: a column page with its notices, newest first, keyset-paged — the same
// query and stylesheet as fcgi/page_column.c + fcgi/notice_list.c + xslt/column.xsl.
// nginx passes the site and code as XXGK_SITE and XXGK_CODE; the cursor is ?before= / ?after=.
declare(strict_types=1);
require __DIR__ . '/common.php';

const PAGE_SIZE = 20;
// notice_columns joined to the site, as notice_list_read(): the one statement reads both; the
// date is cut from published_at here, as there.
const LIST_FROM = 'SELECT ' . SITE_COLS . ', nc.notice_id, nc.title, nc.published_at '
    . 'FROM ' . SITE_FROM . 'JOIN notice_columns nc ON nc.site_id = s.id '
    . 'WHERE s.site_key = ? AND nc.column_code = ? ';

/** "20260501103000-123" -> ["2026-05-01 10:30:00", "123"], or null when malformed. */
function parse_cursor(string $s): ?array
{
    if (!preg_match('/^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})-([1-9][0-9]{0,18})$/', $s, $m)
        || !checkdate((int)$m[2], (int)$m[3], (int)$m[1]) || $m[4] > 23 || $m[5] > 59 || $m[6] > 59) {
        return null;
    }
    return ["$m[1]-$m[2]-$m[3] $m[4]:$m[5]:$m[6]", $m[7]];
}

function cursor_of(string $published_at, string $id): string
{
    return preg_replace('/[^0-9]/', '', $published_at) . '-' . $id;
}

$db = db();
$key = site_key(param('XXGK_SITE'));
$code = param('XXGK_CODE');
$before = $_GET['before'] ?? null;
$after = $_GET['after'] ?? null;
if (($before !== null && $after !== null) || is_array($before) || is_array($after)) {
    fail(400, 'bad cursor');
}
$cursor = null;
if ($before !== null || $after !== null) {
    $cursor = parse_cursor($before ?? $after);
    if ($cursor === null) {
        fail(400, 'bad cursor');
    }
}
// The notice list first, as notice_list_read(): never OFFSET, one index range of notice_columns.
$limit = PAGE_SIZE + 1;
if ($before !== null) {
    $rows = query($db, LIST_FROM . 'AND (nc.published_at < ? OR (nc.published_at = ? AND nc.notice_id < ?)) '
        . 'ORDER BY nc.published_at DESC, nc.notice_id DESC LIMIT ?',
        'sssssi', $key, $code, $cursor[0], $cursor[0], $cursor[1], $limit);
} elseif ($after !== null) {
    $rows = query($db, LIST_FROM . 'AND (nc.published_at > ? OR (nc.published_at = ? AND nc.notice_id > ?)) '
        . 'ORDER BY nc.published_at ASC, nc.notice_id ASC LIMIT ?',
        'sssssi', $key, $code, $cursor[0], $cursor[0], $cursor[1], $limit);
} else {
    $rows = query($db, LIST_FROM . 'ORDER BY nc.published_at DESC, nc.notice_id DESC LIMIT ?',
        'ssi', $key, $code, $limit);
}
[$site, $rows] = site_and_rows($db, $key, $rows);
$cat = catalog($site['variant']);
$node = catalog_find($cat, $code);
if ($node === null) {
    fail(404, 'no such column');
}

[$doc, $root] = page_new('column', $site);
catalog_nav($doc, $root, $cat);
$col = $root->appendChild($doc->createElement('column'));
copy_attrs($col, $node);
attr($col, 'kind', $node->nodeName);
// The path from the domain down, for the breadcrumb.
$path = $col->appendChild($doc->createElement('path'));
$chain = [];
for ($n = $node; $n instanceof DOMElement && is_column($n); $n = $n->parentNode) {
    array_unshift($chain, $n);
}
foreach ($chain as $n) {
    copy_attrs($path->appendChild($doc->createElement('step')), $n);
}
// Units, notes, items and sub-categories of this column (one level).
foreach ($node->childNodes as $c) {
    if (!$c instanceof DOMElement) {
        continue;
    }
    if ($c->nodeName === 'category') {
        copy_attrs($col->appendChild($doc->createElement('sub')), $c);
    } else {
        $col->appendChild($doc->importNode($c, true));
    }
}

$more = count($rows) > PAGE_SIZE;
$rows = array_slice($rows, 0, PAGE_SIZE);
if ($after !== null) {
    $rows = array_reverse($rows);
}
$list = $root->appendChild($doc->createElement('notices'));
foreach ($rows as $r) {
    $el = $list->appendChild($doc->createElement('notice'));
    attr($el, 'id', (string)$r[0]);
    attr($el, 'title', (string)$r[1]);
    attr($el, 'date', substr((string)$r[2], 0, 10));
}
$paging = $root->appendChild($doc->createElement('paging'));
if ($rows) {
    $first = $rows[0];
    $last = $rows[count($rows) - 1];
    if ($before !== null || ($after !== null && $more)) {
        attr($paging, 'newer', cursor_of($first[2], (string)$first[0]));
    }
    if (($before === null && $after === null && $more) || ($before !== null && $more) || $after !== null) {
        attr($paging, 'older', cursor_of($last[2], (string)$last[0]));
    }
}
if ($before !== null || $after !== null) {
    attr($paging, 'first', '1');
}
render($doc, 'column');
