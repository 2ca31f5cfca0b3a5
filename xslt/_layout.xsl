<?xml version="1.0" encoding="UTF-8"?>
<!-- The page frame every public page shares: head with the government-site meta tags, the site's
     header, skip link, column navigation, footer. Page stylesheets import this and provide
     the "title", "meta" and "main" modes. All text arrives as text nodes and is escaped by the
     serializer; nothing here turns output escaping off. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no" media-type="text/html"/>

  <xsl:variable name="base" select="/page/site/@base"/>
  <xsl:variable name="static" select="/page/@static"/>
  <xsl:variable name="prefix" select="/page/@prefix"/>
  <!-- The domain the page sits in, marked in the navigation (found once, not once per domain). -->
  <xsl:variable name="current-domain" select="/page/column/path/step[1]/@code | /page/notice/path/step[1]/@code"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <!-- libxslt writes the charset meta itself (html output method). -->
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:apply-templates select="/page" mode="title"/><xsl:if test="/page/site"> - <xsl:value-of select="/page/site/@name"/></xsl:if></title>
        <xsl:if test="/page/site">
          <meta name="SiteName" content="{/page/site/@name}"/>
          <meta name="SiteDomain" content="{/page/site/@domain}"/>
        </xsl:if>
        <xsl:apply-templates select="/page" mode="meta"/>
        <link rel="stylesheet" href="{$static}/xxgk.css"/>
        <xsl:apply-templates select="/page" mode="head"/>
      </head>
      <body class="look-{/page/site/@look}">
        <a class="skip" href="#main">跳到主要内容</a>
        <xsl:if test="/page/site/@header-include">
          <!-- The CMS's header, expanded by the web server's SSI (nginx: ssi on). -->
          <xsl:comment><xsl:value-of select="concat('#include virtual=&quot;', /page/site/@header-include, '&quot; ')"/></xsl:comment>
        </xsl:if>
        <header class="site-header">
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
            </xsl:if>
          </div>
        </header>
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
        <footer class="site-footer">
          <div class="wrap">
            <xsl:if test="/page/site">
              <p><xsl:value-of select="/page/site/@name"/><xsl:text> · 索引号前缀 </xsl:text><xsl:value-of select="/page/site/@org-code"/></p>
            </xsl:if>
            <p>本栏目依据《中华人民共和国政府信息公开条例》设置。</p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="page" mode="meta"/>
  <xsl:template match="page" mode="head"/>

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
</xsl:stylesheet>
