<?php
// The same pages as xxgk's /c/{code} and /n/{id}, written the way a webmaster would in PHP:
// mysqli prepared statements (the same SQL as fcgi/site.c, fcgi/notice_list.c and
// fcgi/page_notice.c), the same XML tree built with DOMDocument (as fcgi/render.c page_new,
// fcgi/catalog.c catalog_nav, fcgi/page_column.c and fcgi/page_notice.c build it), and the same
// stylesheets (xslt/column.xsl, xslt/notice.xsl) applied with XSLTProcessor. The output is the
// same bytes as xxgk's; `make bench` checks that before it measures.
//
// What PHP cannot keep between requests is parsed again on every request: the catalog and the
// stylesheets. The database connection is persistent (p:), the kindest setting for PHP.
// Settings arrive from nginx as FastCGI parameters: XXGK_DB_SOCKET, XXGK_XSLT, XXGK_SITE.
declare(strict_types=1);

mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);

const PREFIX = '/xxgk';
const STATIC_URL = '/xxgk-static';
const XML_OPTIONS = LIBXML_NONET | LIBXML_NOCDATA | LIBXML_NOBLANKS;

function param(string $name): string
{
    return isset($_SERVER[$name]) ? (string)$_SERVER[$name] : '';
}

function fail(int $status, string $text): never
{
    http_response_code($status);
    header('Content-Type: text/plain; charset=utf-8');
    echo $text, "\n";
    exit;
}

function db(): mysqli
{
    $db = new mysqli('p:localhost', 'root', '', 'xxgk', 0, param('XXGK_DB_SOCKET'));
    $db->set_charset('utf8mb4');
    return $db;
}

/** Rows of a prepared statement as lists (NULL stays NULL). */
function query(mysqli $db, string $sql, string $types, ...$args): array
{
    $st = $db->prepare($sql);
    if ($types !== '') {
        $st->bind_param($types, ...$args);
    }
    $st->execute();
    $rows = $st->get_result()->fetch_all(MYSQLI_NUM);
    $st->close();
    return $rows;
}

const SITE_COLS = 's.id, s.site_key, s.name, s.variant, s.org_code, s.index_format, s.domain, s.look, '
    . 'COALESCE(g.generation, 1), s.id_code';
const SITE_FROM = 'sites s LEFT JOIN site_generation g ON g.site_id = s.id ';
const SITE_NCOLS = 10;

function site_key(string $key): string
{
    if (!preg_match('/^[a-z0-9_-]{1,32}$/', $key)) {
        fail(404, 'no such site');
    }
    return $key;
}

/** The site from the first SITE_NCOLS columns of a row read with SITE_COLS (as site_from_row). */
function site_from_row(array $row): array
{
    [$id, $key, $name, $variant, $org, , $domain, $look, , $idCode] = $row;
    return ['id' => (int)$id, 'key' => $key, 'name' => $name, 'variant' => $variant, 'org-code' => $org,
            'domain' => $domain, 'id-code' => $idCode, 'look' => $look];
}

function site(mysqli $db, string $key): array
{
    $rows = query($db, 'SELECT ' . SITE_COLS . ' FROM ' . SITE_FROM . 'WHERE s.site_key = ?', 's', site_key($key));
    if (!$rows) {
        fail(404, 'no such site');
    }
    return site_from_row($rows[0]);
}

/** Rows of a query that reads the site first (SITE_COLS): the site, and the rows' own columns. */
function site_and_rows(mysqli $db, string $key, array $rows): array
{
    $site = $rows ? site_from_row($rows[0]) : site($db, $key);
    return [$site, array_map(fn($r) => array_slice($r, SITE_NCOLS), $rows)];
}

function attr(DOMElement $el, string $name, ?string $value): void
{
    if ($value !== null) {
        $el->setAttribute($name, $value);
    }
}

function copy_attrs(DOMElement $to, DOMElement $from): void
{
    foreach ($from->attributes as $a) {
        $to->setAttribute($a->name, $a->value);
    }
}

function page_new(string $name, array $site): array
{
    $doc = new DOMDocument('1.0');
    $root = $doc->appendChild($doc->createElement('page'));
    attr($root, 'name', $name);
    attr($root, 'prefix', PREFIX);
    attr($root, 'static', STATIC_URL);
    attr($root, 'today', date('Y-m-d'));
    attr($root, 'path', $_SERVER['DOCUMENT_URI'] ?? null);
    $s = $root->appendChild($doc->createElement('site'));
    foreach (['key', 'name', 'variant', 'org-code', 'domain', 'id-code'] as $k) {
        attr($s, $k, $site[$k]);
    }
    // The Url tag's base as xxgk writes it without [mail] link_base: https:// and the domain.
    attr($s, 'url-base', $site['domain'] !== '' ? 'https://' . $site['domain'] : '');
    attr($s, 'look', $site['look']);
    attr($s, 'base', PREFIX . '/' . $site['key'] . '/');
    return [$doc, $root];
}

function catalog(string $variant): DOMDocument
{
    $cat = new DOMDocument();
    if (!preg_match('/^[a-z]+$/', $variant) || !$cat->load(param('XXGK_XSLT') . "/catalogs/$variant.xml", XML_OPTIONS)) {
        fail(500, 'no catalog');
    }
    return $cat;
}

function is_column(DOMNode $n): bool
{
    return $n instanceof DOMElement && ($n->nodeName === 'domain' || $n->nodeName === 'category');
}

/** The domain or category with this code ("D01", "D01.C02", ...), or null. */
function catalog_find(DOMDocument $cat, string $code): ?DOMElement
{
    if (!preg_match('/^D[0-9]{2}(\.C[0-9]{2})*$/', $code) || strlen($code) > 63) {
        return null;
    }
    $found = (new DOMXPath($cat))->query("//*[(self::domain or self::category) and @code='$code']");
    return $found->length ? $found->item(0) : null;
}

function copy_tree(DOMDocument $doc, DOMElement $dest, DOMElement $src): void
{
    foreach ($src->childNodes as $c) {
        if (!is_column($c)) {
            continue;
        }
        $n = $dest->appendChild($doc->createElement($c->nodeName));
        copy_attrs($n, $c);
        copy_tree($doc, $n, $c);
    }
}

/** The domain/category tree (names and codes) for the column navigation, as catalog_nav(). */
function catalog_nav(DOMDocument $doc, DOMElement $dest, DOMDocument $cat): void
{
    $n = $dest->appendChild($doc->createElement('catalog'));
    copy_attrs($n, $cat->documentElement);
    // The time limits and the channels: a column page shows a category's in their terms.
    foreach ($cat->documentElement->childNodes as $c) {
        if ($c instanceof DOMElement && ($c->nodeName === 'time-limits' || $c->nodeName === 'channels')) {
            $n->appendChild($doc->importNode($c, true));
        }
    }
    copy_tree($doc, $n, $cat->documentElement);
}

function add_text(DOMDocument $doc, DOMElement $parent, string $name, string $text): DOMElement
{
    $el = $parent->appendChild($doc->createElement($name));
    $el->appendChild($doc->createTextNode($text));
    return $el;
}

function render(DOMDocument $doc, string $sheet): void
{
    $xsl = new DOMDocument();
    $xsl->load(param('XXGK_XSLT') . "/$sheet.xsl", LIBXML_NONET); // as xsltParseStylesheetFile()
    $proc = new XSLTProcessor();
    $proc->importStylesheet($xsl);
    $html = $proc->transformToXml($doc);
    if ($html === false) {
        fail(500, 'transform failed');
    }
    if (strncmp($html, '<!DOCTYPE', 9) !== 0) {
        $html = "<!DOCTYPE html>\n" . $html;
    }
    header('Content-Type: text/html; charset=utf-8');
    header('X-Content-Type-Options: nosniff');
    header('Referrer-Policy: same-origin');
    header('X-Frame-Options: SAMEORIGIN');
    header("Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; "
        . "script-src 'self'; frame-ancestors 'self'; form-action 'self'");
    header('Content-Length: ' . strlen($html));
    echo $html;
}
