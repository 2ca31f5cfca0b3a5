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
// The notice joined to its site, with its items, attachment count and its neighbours in its
// category's column, as page_notice(): the one statement reads all of it.
function neighbour(string $cmp, string $dir): string
{
    return "(SELECT JSON_ARRAY(CAST(c.notice_id AS CHAR), DATE_FORMAT(c.published_at, '%Y-%m-%d'), c.title) "
        . 'FROM notice_columns c WHERE c.site_id = n.site_id AND c.column_code = n.category_code '
        . "AND (c.published_at $cmp n.published_at OR (c.published_at = n.published_at AND c.notice_id $cmp n.id)) "
        . "ORDER BY c.published_at $dir, c.notice_id $dir LIMIT 1)";
}
$rows = query($db,
    'SELECT ' . SITE_COLS . ', n.id, n.index_no, n.title, n.issuer, n.doc_number, n.subject, '
    . "DATE_FORMAT(n.formed_on, '%Y-%m-%d'), DATE_FORMAT(n.published_at, '%Y-%m-%d'), "
    . "n.validity, n.domain_code, n.category_code, n.body, DATE_FORMAT(n.published_at, '%Y-%m-%dT%H:%i:%s'), "
    . 'n.attachment_count, n.items_json, ' . neighbour('<', 'DESC') . ', ' . neighbour('>', 'ASC') . ' '
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
    // Where a long label may break, as xml_attr_label(): after a particle with text after it, not
    // inside 或者, 及时 or 及早.
    attr($it, 'label', preg_replace('/(的|和|与|或(?!者)|及(?![时早]))(?=.)/us', "\$1\u{200B}", $labels[$code] ?? $label));
}
// The notices before and after it in its category's column, each as [id, date, title].
foreach (['older' => $n[15], 'newer' => $n[16]] as $name => $json) {
    [$nid, $date, $title] = json_decode((string)($json ?? 'null'), true) ?? [null, null, null];
    if ($nid !== null) {
        $el = $nn->appendChild($doc->createElement('neighbour'));
        foreach (['side' => $name, 'id' => $nid, 'title' => $title, 'date' => $date] as $a => $v) {
            attr($el, $a, (string)$v);
        }
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
