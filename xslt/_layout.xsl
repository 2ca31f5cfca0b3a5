<?xml version="1.0" encoding="UTF-8"?>
<!-- The page frame every public page shares: head with the page tags of 国办发〔2017〕47号, the
     site's header with the text-size control, skip link, column navigation, footer. Page
     stylesheets import this and provide the "title" and "main" modes, and for the page tags
     "column-name" (a page of a column: its ColumnName; none on error pages), "column-description",
     "column-keywords", "column-type" and "meta" (the tags of an article page). All text arrives as
     text nodes and is escaped by the serializer; nothing here turns output escaping off. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_labels.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no" media-type="text/html"/>

  <xsl:variable name="base" select="/page/site/@base"/>
  <xsl:variable name="static" select="/page/@static"/>
  <xsl:variable name="prefix" select="/page/@prefix"/>
  <!-- The domain the page sits in, marked in the navigation (found once, not once per domain). -->
  <!-- The CMS's header and footer (SSI) are the page's banner and contentinfo: under them the
       layout's own are plain divs, not a second of each. -->
  <xsl:variable name="header-element"><xsl:choose><xsl:when test="/page/site/@header-include">div</xsl:when><xsl:otherwise>header</xsl:otherwise></xsl:choose></xsl:variable>
  <xsl:variable name="footer-element"><xsl:choose><xsl:when test="/page/site/@footer-include">div</xsl:when><xsl:otherwise>footer</xsl:otherwise></xsl:choose></xsl:variable>
  <xsl:variable name="current-domain" select="/page/column/path/step[1]/@code | /page/notice/path/step[1]/@code"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <!-- libxslt writes the charset meta itself (html output method). -->
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:apply-templates select="/page" mode="title"/><xsl:if test="/page/site"> - <xsl:value-of select="/page/site/@name"/></xsl:if></title>
        <xsl:if test="/page/site"><xsl:call-template name="page-tags"/></xsl:if>
        <link rel="icon" type="image/svg+xml" href="{$static}/favicon.svg"/>
        <link rel="stylesheet" href="{$static}/xxgk.css"/>
        <!-- The reader's text size (a cookie the server reads), apart from the page so that the
             page itself stays the same for everyone and can be cached. -->
        <xsl:if test="/page/site">
          <link rel="stylesheet" href="{$base}text-size.css"/>
          <!-- Marks the size in force on its button (aria-pressed), from that sheet. -->
          <script src="{$static}/text-size.js" defer="defer"></script>
        </xsl:if>
        <xsl:apply-templates select="/page" mode="head"/>
      </head>
      <body class="look-{/page/site/@look}">
        <a class="skip" href="#main">跳到主要内容</a>
        <xsl:if test="/page/site/@header-include">
          <!-- The CMS's header, expanded by the web server's SSI (nginx: ssi on). -->
          <xsl:comment><xsl:value-of select="concat('#include virtual=&quot;', /page/site/@header-include, '&quot; ')"/></xsl:comment>
        </xsl:if>
        <xsl:element name="{$header-element}">
          <xsl:attribute name="class">site-header</xsl:attribute>
          <div class="wrap">
            <xsl:choose>
              <xsl:when test="/page/site">
                <a class="site-name" href="{$base}"><xsl:value-of select="/page/site/@name"/></a>
              </xsl:when>
              <xsl:otherwise><span class="site-name">政府信息公开</span></xsl:otherwise>
            </xsl:choose>
            <xsl:if test="/page/site">
              <form class="search" role="search" action="{$base}search" method="get">
                <label for="q" class="visually-hidden">站内搜索</label>
                <input id="q" name="q" type="search" placeholder="搜索公开信息" value="{/page/search/@q}"/>
                <button type="submit">搜索</button>
              </form>
              <nav class="top-links" aria-label="常用链接">
                <a href="{$base}">信息公开目录</a>
                <a href="{$base}catalog">公开目录清单</a>
                <a href="{$base}ysqgk/">依申请公开</a>
              </nav>
              <xsl:call-template name="text-size"/>
            </xsl:if>
          </div>
        </xsl:element>
        <div class="wrap layout">
          <xsl:if test="/page/catalog">
            <nav class="columns" aria-label="公开目录">
              <h2>公开目录</h2>
              <ul>
                <xsl:for-each select="/page/catalog/domain">
                  <li>
                    <a href="{$base}c/{@code}">
                      <xsl:if test="@code = $current-domain">
                        <xsl:attribute name="aria-current">true</xsl:attribute>
                      </xsl:if>
                      <xsl:value-of select="@name"/>
                    </a>
                  </li>
                </xsl:for-each>
              </ul>
            </nav>
          </xsl:if>
          <main id="main" tabindex="-1">
            <xsl:apply-templates select="/page" mode="main"/>
          </main>
        </div>
        <xsl:if test="/page/site/@footer-include">
          <xsl:comment><xsl:value-of select="concat('#include virtual=&quot;', /page/site/@footer-include, '&quot; ')"/></xsl:comment>
        </xsl:if>
        <xsl:element name="{$footer-element}">
          <xsl:attribute name="class">site-footer</xsl:attribute>
          <div class="wrap">
            <xsl:if test="/page/site">
              <p>
                <!-- The CMS's own footer shows the site's code where there is one. -->
                <xsl:value-of select="/page/site/@name"/><xsl:text> · 索引号前缀 </xsl:text><xsl:value-of select="/page/site/@org-code"/>
                <xsl:if test="string(/page/site/@id-code) and not(/page/site/@footer-include)"><xsl:text> · 网站标识码 </xsl:text><xsl:value-of select="/page/site/@id-code"/></xsl:if>
              </p>
            </xsl:if>
            <p>本栏目依据《中华人民共和国政府信息公开条例》设置。</p>
          </div>
        </xsl:element>
      </body>
    </html>
  </xsl:template>

  <!-- The page tags of 国办发〔2017〕47号 (政府网站网页设计规范): the site's on every page, the
       column's on every page of a column, the article's on an article page (mode "meta"). -->
  <xsl:template name="page-tags">
    <xsl:variable name="s" select="/page/site"/>
    <meta name="SiteName" content="{$s/@name}"/>
    <meta name="SiteDomain" content="{$s/@domain}"/>
    <xsl:if test="string($s/@id-code)"><meta name="SiteIDCode" content="{$s/@id-code}"/></xsl:if>
    <xsl:variable name="column"><xsl:apply-templates select="/page" mode="column-name"/></xsl:variable>
    <xsl:if test="string($column)">
      <meta name="ColumnName" content="{$column}"/>
      <meta name="ColumnDescription">
        <xsl:attribute name="content"><xsl:apply-templates select="/page" mode="column-description"/></xsl:attribute>
      </meta>
      <meta name="ColumnKeywords">
        <xsl:attribute name="content"><xsl:apply-templates select="/page" mode="column-keywords"/></xsl:attribute>
      </meta>
      <meta name="ColumnType">
        <xsl:attribute name="content"><xsl:apply-templates select="/page" mode="column-type"/></xsl:attribute>
      </meta>
      <xsl:apply-templates select="/page" mode="meta"/>
      <meta name="Url" content="{concat($s/@url-base, /page/@path)}"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page" mode="column-name"/>
  <xsl:template match="page" mode="column-description">
    <xsl:value-of select="site/@name"/><xsl:apply-templates select="." mode="column-name"/><xsl:text>栏目</xsl:text>
  </xsl:template>
  <xsl:template match="page" mode="column-keywords">
    <xsl:apply-templates select="." mode="column-name"/><xsl:text>，政府信息公开</xsl:text>
  </xsl:template>
  <!-- The national list of column types (首页、概况信息 … 信息公开目录、依法申请公开 …): the
       notices' pages belong to the disclosure catalog; the request pages say otherwise. -->
  <xsl:template match="page" mode="column-type">信息公开目录</xsl:template>
  <!-- The disclosure-on-request pages (the form, the receipt, tracking) are one column. -->
  <xsl:template match="page[starts-with(@name, 'ysqgk')]" mode="column-name">依申请公开</xsl:template>
  <xsl:template match="page[starts-with(@name, 'ysqgk')]" mode="column-type">依法申请公开</xsl:template>
  <xsl:template match="page[starts-with(@name, 'ysqgk')]" mode="column-description">
    <xsl:text>依据《中华人民共和国政府信息公开条例》在线申请获取政府信息，凭受理编号和查询码查询办理进度和答复</xsl:text>
  </xsl:template>
  <xsl:template match="page[starts-with(@name, 'ysqgk')]" mode="column-keywords">依申请公开，政府信息公开申请，办理进度查询</xsl:template>
  <xsl:template match="page" mode="meta"/>
  <xsl:template match="page" mode="head"/>

  <!-- Larger text for those who need it (适老化): a cookie that a plain form sets, so that it holds
       on every page without script; the server answers text-size.css by it. The two buttons are a
       group named 字号. The page is the same for every reader (the caches and nginx's stored copies
       serve it), so which size is in force is not in it: text-size.css shows it, and
       static/text-size.js, reading that sheet, sets aria-pressed on both buttons. -->
  <xsl:template name="text-size">
    <form class="text-size" method="post" action="{$base}text-size">
      <input type="hidden" name="back" value="{/page/@path}"/>
      <div class="text-size-group" role="group" aria-labelledby="text-size-label">
        <span class="text-size-label" id="text-size-label">字号</span>
        <button type="submit" name="size" value="normal" class="size-normal">标准</button>
        <button type="submit" name="size" value="large" class="size-large">大字</button>
      </div>
    </form>
  </xsl:template>

  <!-- The notice list shared by the home and column pages. -->
  <xsl:template match="notices">
    <xsl:choose>
      <xsl:when test="notice">
        <ul class="notice-list">
          <xsl:for-each select="notice">
            <li>
              <a href="{$base}n/{@id}"><xsl:value-of select="@title"/></a>
              <time datetime="{@date}"><xsl:value-of select="@date"/></time>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p class="empty">本栏目暂无公开信息。</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="paging">
    <xsl:param name="url"/>
    <xsl:if test="@newer or @older or @first">
      <nav class="pager" aria-label="分页">
        <xsl:if test="@first"><a href="{$url}">首页</a></xsl:if>
        <xsl:if test="@newer"><a rel="prev" href="{$url}?after={@newer}">上一页</a></xsl:if>
        <xsl:if test="@older"><a rel="next" href="{$url}?before={@older}">下一页</a></xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A label (an item's, a category's name) with its break points (the zero-width spaces
       xml_attr_label puts after the particles that end a word) as empty spans whose zero-width
       space xxgk.css generates (.bp): the line may break there, and a name copied from the page
       has no character the catalog does not have (generated content is not copied). Not <wbr>:
       libxml2's HTML writer gives it an end tag, which HTML forbids. One call per break point. -->
  <xsl:template name="label">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&#x200B;')">
        <xsl:value-of select="substring-before($text, '&#x200B;')"/>
        <span class="bp"/>
        <xsl:call-template name="label">
          <xsl:with-param name="text" select="substring-after($text, '&#x200B;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A subscription link for a list page (the feed is also named in the head). -->
  <xsl:template name="feed-link">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <p class="feed-link"><a href="{$href}"><xsl:value-of select="$label"/></a></p>
  </xsl:template>
</xsl:stylesheet>
