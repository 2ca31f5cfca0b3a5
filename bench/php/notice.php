<?php
// /xxgk/{site}/n/{id}: a notice with its metadata block, the category's items labelled in the
// variant's wording, body and attachments — the same queries and stylesheet as
// fcgi/page_notice.c + xslt/notice.xsl. nginx passes the site and id as XXGK_SITE and XXGK_ID.
declare(strict_types=1);
require __DIR__ . '/common.php';

$db = db();
$key = site_key(param('XXGK_SITE'));
$id = param('XXGK_ID');
if (!preg_match('/^[1-9][0-9]{0,18}$/', $id)) {
    fail(404, 'no such notice');
}
// The notice joined to its site, with its items and attachment count, as page_notice(): the one
// statement reads all of it.
$rows = query($db,
    'SELECT ' . SITE_COLS . ', n.id, n.index_no, n.title, n.issuer, n.doc_number, n.subject, '
    . "DATE_FORMAT(n.formed_on, '%Y-%m-%d'), DATE_FORMAT(n.published_at, '%Y-%m-%d'), "
    . "n.validity, n.domain_code, n.category_code, n.body, DATE_FORMAT(n.published_at, '%Y-%m-%dT%H:%i:%s'), "
    . 'n.attachment_count, n.items_json, n.published_at '
    . 'FROM ' . SITE_FROM . 'JOIN notices n ON n.site_id = s.id '
    . "WHERE s.site_key = ? AND n.id = ? AND n.status = 'published'",
    'si', $key, $id);
[$site, $rows] = site_and_rows($db, $key, $rows);
if (!$rows) {
    fail(404, 'no such notice');
}
$n = $rows[0];
$cat = catalog($site['variant']);
[$doc, $root] = page_new('notice', $site);
catalog_nav($doc, $root, $cat);
$nn = $root->appendChild($doc->createElement('notice'));
$names = ['id', 'index-no', 'title', 'issuer', 'doc-number', 'subject', 'formed-on', 'published-on', 'validity',
          'domain', 'category', null, 'published-at'];
foreach ($names as $i => $name) {
    if ($name !== null) {
        attr($nn, $name, $n[$i] === null ? null : (string)$n[$i]);
    }
}
// The body as paragraphs, one per line of text.
$body = $nn->appendChild($doc->createElement('body'));
foreach (explode("\n", $n[11]) as $line) {
    $line = preg_replace('/^[ \t\r\n\x{3000}]+|[ \t\r\n\x{3000}]+$/u', '', $line);
    if ($line !== '') {
        add_text($doc, $body, 'p', $line);
    }
}
// The category as the catalog names it, with its path.
$node = catalog_find($cat, $n[10]);
$path = $nn->appendChild($doc->createElement('path'));
for ($c = $node; $c instanceof DOMElement && is_column($c); $c = $c->parentNode) {
    $step = $doc->createElement('step');
    attr($step, 'code', $c->getAttribute('code'));
    attr($step, 'name', $c->getAttribute('name'));
    $path->insertBefore($step, $path->firstChild);
}
// Items in code order, labelled in the variant's wording.
$labels = [];
if ($node !== null) {
    foreach ($node->childNodes as $c) {
        if ($c instanceof DOMElement && $c->nodeName === 'item') {
            $labels[$c->getAttribute('code')] = $c->textContent;
        }
    }
}
$items = $nn->appendChild($doc->createElement('items'));
foreach (json_decode((string)($n[14] ?? '[]'), true) ?? [] as [$code, $label, $value]) {
    $it = add_text($doc, $items, 'item', $value);
    attr($it, 'code', $code);
    attr($it, 'label', $labels[$code] ?? $label);
}
// The notices before and after it in its category's column, as page_notice() reads them.
$side = query($db,
    "(SELECT 'older', notice_id, title, DATE_FORMAT(published_at, '%Y-%m-%d') FROM notice_columns "
    . 'WHERE site_id = ? AND column_code = ? AND (published_at < ? OR (published_at = ? AND notice_id < ?)) '
    . 'ORDER BY published_at DESC, notice_id DESC LIMIT 1) UNION ALL '
    . "(SELECT 'newer', notice_id, title, DATE_FORMAT(published_at, '%Y-%m-%d') FROM notice_columns "
    . 'WHERE site_id = ? AND column_code = ? AND (published_at > ? OR (published_at = ? AND notice_id > ?)) '
    . 'ORDER BY published_at ASC, notice_id ASC LIMIT 1)',
    'isssiisssi', $site['id'], $n[10], $n[15], $n[15], $id, $site['id'], $n[10], $n[15], $n[15], $id);
foreach ($side as $row) {
    $el = $nn->appendChild($doc->createElement('neighbour'));
    foreach (['side', 'id', 'title', 'date'] as $i => $name) {
        attr($el, $name, (string)$row[$i]);
    }
}
$atts = $nn->appendChild($doc->createElement('attachments'));
// As page_notice(): asked for only when the notice's own row says it has some.
$rows = (string)$n[13] === '0' ? []
    : query($db, 'SELECT id, filename, mime, size, sha256 FROM attachments WHERE notice_id = ? ORDER BY id', 'i', $id);
foreach ($rows as $a) {
    $el = $atts->appendChild($doc->createElement('attachment'));
    foreach (['id', 'filename', 'mime', 'size', 'sha256'] as $i => $name) {
        attr($el, $name, (string)$a[$i]);
    }
}
render($doc, 'notice');
