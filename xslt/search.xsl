<?xml version="1.0" encoding="UTF-8"?>
<!-- /xxgk/{site}/search: the search form, the count, the results (title, date, issuer, a snippet)
     with the terms as <mark> elements that page_search.c built as nodes, and numbered pages.
     Text is copied with value-of only: the serializer escapes it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>

  <xsl:variable name="s" select="/page/search"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="string($s/@q) != ''">搜索：<xsl:value-of select="$s/@q"/></xsl:when>
      <xsl:otherwise>站内搜索</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="meta">
    <meta name="ColumnName" content="站内搜索"/>
    <meta name="robots" content="noindex, follow"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1>站内搜索</h1>
    <form class="search-page" role="search" aria-label="搜索本站公开信息" action="{$base}search" method="get">
      <label for="search-q">搜索词</label>
      <div class="search-row">
        <input id="search-q" name="q" type="search" maxlength="100" value="{$s/@q}">
          <xsl:attribute name="aria-describedby">search-hint<xsl:if test="$s/error"> search-error</xsl:if></xsl:attribute>
          <xsl:if test="$s/error"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        </input>
        <button type="submit">搜索</button>
      </div>
      <p id="search-hint" class="note">在标题、公开内容项和正文中查找，中文词语直接输入即可。多个词用空格分开（最多5个），结果须同时包含每个词；不超过100个字符。</p>
      <xsl:if test="$s/error">
        <p id="search-error" class="form-error" role="alert"><xsl:value-of select="$s/error"/></p>
      </xsl:if>
    </form>

    <xsl:if test="$s/@updating">
      <p class="note">新发布的信息正在编入索引，结果可能暂不完整，请稍后再试。</p>
    </xsl:if>

    <xsl:if test="$s/term and not($s/error)">
      <section class="search-results-block" aria-labelledby="search-results-title">
        <h2 id="search-results-title" class="visually-hidden">搜索结果</h2>
        <xsl:choose>
          <xsl:when test="$s/@total = 0">
            <p class="search-count" role="status">没有找到同时包含
              <xsl:for-each select="$s/term">
                <xsl:if test="position() &gt; 1">、</xsl:if>“<xsl:value-of select="."/>”</xsl:for-each>
              的公开信息。请换用更短或更常见的词再试。</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="search-count" role="status">
              <xsl:text>找到 </xsl:text><strong><xsl:value-of select="$s/@total"/></strong><xsl:text> 条公开信息</xsl:text>
              <xsl:if test="$s/results/result">
                <xsl:text>，这是第 </xsl:text><xsl:value-of select="$s/@first"/>–<xsl:value-of select="$s/@first + count($s/results/result) - 1"/><xsl:text> 条</xsl:text>
              </xsl:if>
              <xsl:text>（按发布日期从新到旧）。</xsl:text>
            </p>
            <xsl:if test="$s/@total &gt; $s/@listed">
              <p class="note">结果较多，只列出最新的 <xsl:value-of select="$s/@listed"/> 条。可以再加一个词缩小范围。</p>
            </xsl:if>
            <xsl:choose>
              <xsl:when test="$s/results/result">
                <ol class="search-results" start="{$s/@first}">
                  <xsl:for-each select="$s/results/result">
                    <li>
                      <h3><a href="{$base}n/{@id}"><xsl:apply-templates select="title/node()" mode="hl"/></a></h3>
                      <p class="search-meta">
                        <time datetime="{@date}"><xsl:value-of select="@date"/></time>
                        <xsl:text> · </xsl:text>
                        <span><xsl:value-of select="@issuer"/></span>
                      </p>
                      <xsl:if test="string(snippet) != ''">
                        <p class="search-snippet">
                          <xsl:if test="snippet/@lead">…</xsl:if>
                          <xsl:apply-templates select="snippet/node()" mode="hl"/>
                          <xsl:if test="snippet/@trail">…</xsl:if>
                        </p>
                      </xsl:if>
                    </li>
                  </xsl:for-each>
                </ol>
              </xsl:when>
              <xsl:otherwise>
                <p class="empty">这一页没有结果。<a href="{$s/@href}">回到第一页</a></p>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:apply-templates select="$s/paging"/>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Highlighted text: text nodes as text, <mark> elements as <mark>. -->
  <xsl:template match="text()" mode="hl"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="mark" mode="hl"><mark><xsl:value-of select="."/></mark></xsl:template>
  <xsl:template match="*" mode="hl"/>

  <xsl:template match="search/paging">
    <nav class="pager search-pager" aria-label="搜索结果分页">
      <xsl:if test="prev"><a rel="prev" href="{prev/@href}">上一页</a></xsl:if>
      <xsl:for-each select="to">
        <xsl:choose>
          <xsl:when test="@current"><a href="{@href}" aria-current="page"><xsl:value-of select="@n"/></a></xsl:when>
          <xsl:otherwise><a href="{@href}" aria-label="第{@n}页"><xsl:value-of select="@n"/></a></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="next"><a rel="next" href="{next/@href}">下一页</a></xsl:if>
    </nav>
  </xsl:template>
</xsl:stylesheet>
