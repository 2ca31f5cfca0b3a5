<?xml version="1.0" encoding="UTF-8"?>
<!-- /xxgk/{site}/search: the search form with its filters (a plain GET form: column, issuing
     body, publication dates, order), the count ("1,000+" beyond 1,000, or "约" and an estimate
     when the search stopped at the newest notices), the counts per domain,
     body and year as links that narrow the search, the results (title, date, issuer, a snippet)
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

  <xsl:template match="page" mode="column-name">站内搜索</xsl:template>
  <xsl:template match="page" mode="column-description">
    <xsl:text>在本站已公开的信息中按标题、公开内容、正文、发布机构和栏目查找</xsl:text>
  </xsl:template>
  <xsl:template match="page" mode="column-keywords">站内搜索，信息检索，政府信息公开</xsl:template>
  <xsl:template match="page" mode="head">
    <meta name="robots" content="noindex, follow"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1>站内搜索</h1>
    <form class="search-page" role="search" aria-label="搜索本站公开信息" action="{$base}search" method="get">
      <label for="search-q">搜索词</label>
      <div class="search-row">
        <input id="search-q" name="q" type="search" maxlength="100" value="{$s/@q}">
          <xsl:attribute name="aria-describedby">search-hint<xsl:if test="$s/error/@field = 'q'"> search-error</xsl:if></xsl:attribute>
          <xsl:if test="$s/error/@field = 'q'"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        </input>
        <button type="submit">搜索</button>
      </div>
      <p id="search-hint" class="note">在标题、公开内容项（含项目名称）、正文、发布机构和栏目名称中查找，中文词语直接输入即可；数字和英文按整词查找（如完整的电话号码）。多个词用空格分开（最多5个），结果须同时包含每个词；不超过100个字符。</p>
      <xsl:if test="$s/error">
        <p id="search-error" class="form-error" role="alert"><xsl:value-of select="$s/error"/></p>
      </xsl:if>
      <fieldset class="search-filters">
        <legend>筛选和排序</legend>
        <div class="search-field">
          <label for="search-c">栏目</label>
          <select id="search-c" name="c">
            <xsl:call-template name="invalid"><xsl:with-param name="field" select="'c'"/></xsl:call-template>
            <option value="">全部栏目</option>
            <xsl:for-each select="$s/columns/column">
              <option value="{@code}"><xsl:copy-of select="@selected"/><xsl:value-of select="concat(@indent, @name)"/></option>
            </xsl:for-each>
          </select>
        </div>
        <div class="search-field">
          <label for="search-body">发布机构</label>
          <input id="search-body" name="body" type="text" maxlength="100" value="{$s/@body}">
            <xsl:call-template name="invalid"><xsl:with-param name="field" select="'body'"/></xsl:call-template>
          </input>
        </div>
        <div class="search-field">
          <label for="search-from">发布日期从</label>
          <input id="search-from" name="from" type="date" value="{$s/@from}">
            <xsl:call-template name="invalid"><xsl:with-param name="field" select="'from'"/></xsl:call-template>
          </input>
        </div>
        <div class="search-field">
          <label for="search-to">发布日期到</label>
          <input id="search-to" name="to" type="date" value="{$s/@to}">
            <xsl:call-template name="invalid"><xsl:with-param name="field" select="'to'"/></xsl:call-template>
          </input>
        </div>
        <div class="search-field">
          <label for="search-sort">排序</label>
          <select id="search-sort" name="sort">
            <option value="date">按发布日期（新到旧）</option>
            <option value="relevance">
              <xsl:if test="$s/@sort = 'relevance'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:text>按相关度</xsl:text>
            </option>
          </select>
        </div>
      </fieldset>
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
              <xsl:choose>
                <xsl:when test="$s/@estimated">找到约 </xsl:when>
                <xsl:otherwise>找到 </xsl:otherwise>
              </xsl:choose>
              <strong>
                <xsl:choose>
                  <xsl:when test="$s/@capped">1,000+</xsl:when>
                  <xsl:when test="$s/@estimated"><xsl:value-of select="format-number($s/@total, '#,##0')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="$s/@total"/></xsl:otherwise>
                </xsl:choose>
              </strong>
              <xsl:text> 条公开信息</xsl:text>
              <xsl:if test="$s/results/result">
                <xsl:text>，这是第 </xsl:text><xsl:value-of select="$s/@first"/>–<xsl:value-of select="$s/@first + count($s/results/result) - 1"/><xsl:text> 条</xsl:text>
              </xsl:if>
              <xsl:choose>
                <xsl:when test="$s/@sort = 'relevance'">（按相关度）。</xsl:when>
                <xsl:otherwise>（按发布日期从新到旧）。</xsl:otherwise>
              </xsl:choose>
            </p>
            <xsl:if test="$s/@estimated">
              <p class="note">这是根据最新发布的信息估计的数目。</p>
            </xsl:if>
            <xsl:if test="$s/@capped or $s/@total &gt; 1000">
              <p class="note">结果超过1,000条，只列出<xsl:choose><xsl:when test="$s/@sort = 'relevance'">最相关</xsl:when><xsl:otherwise>最新</xsl:otherwise></xsl:choose>的1,000条。可以再加一个词或用下面的分类缩小范围。</p>
            </xsl:if>
            <xsl:call-template name="facets"/>
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

  <!-- aria-invalid on the field the error is about. -->
  <xsl:template name="invalid">
    <xsl:param name="field"/>
    <xsl:if test="$s/error/@field = $field">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
      <xsl:attribute name="aria-describedby">search-error</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The filters in force (each with a link that drops it) and the counts per domain, issuing
       body and year, each a link that narrows the search to it. -->
  <xsl:template name="facets">
    <xsl:if test="$s/active or $s/facet">
      <nav class="search-facets" aria-label="缩小搜索范围">
        <xsl:if test="$s/active">
          <p class="search-active">当前筛选：
            <xsl:for-each select="$s/active">
              <xsl:if test="position() &gt; 1">；</xsl:if>
              <xsl:choose>
                <xsl:when test="@name = 'c'">栏目 <xsl:value-of select="$s/columns/column[@code = current()]/@name"/></xsl:when>
                <xsl:when test="@name = 'body'">发布机构 <xsl:value-of select="."/></xsl:when>
                <xsl:when test="@name = 'from'">发布日期从 <xsl:value-of select="."/></xsl:when>
                <xsl:otherwise>发布日期到 <xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
              <xsl:text> </xsl:text><a href="{@href}">（取消）</a>
            </xsl:for-each>
          </p>
        </xsl:if>
        <xsl:if test="$s/@partial">
          <p class="note">以下分类计数只统计了较新的部分结果。</p>
        </xsl:if>
        <xsl:for-each select="$s/facet">
          <div class="search-facet">
            <h3 id="facet-{@name}">
              <xsl:choose>
                <xsl:when test="@name = 'domain'">按领域</xsl:when>
                <xsl:when test="@name = 'issuer'">按发布机构</xsl:when>
                <xsl:otherwise>按年份</xsl:otherwise>
              </xsl:choose>
            </h3>
            <ul aria-labelledby="facet-{@name}">
              <xsl:for-each select="value">
                <li>
                  <a href="{@href}">
                    <xsl:choose>
                      <xsl:when test="../@name = 'domain'"><xsl:value-of select="$s/columns/column[@code = current()/@key]/@name"/></xsl:when>
                      <xsl:when test="../@name = 'year'"><xsl:value-of select="@key"/>年</xsl:when>
                      <xsl:otherwise><xsl:value-of select="@key"/></xsl:otherwise>
                    </xsl:choose>
                  </a>
                  <xsl:text> </xsl:text><span class="search-n">(<xsl:value-of select="@n"/>)</span>
                </li>
              </xsl:for-each>
            </ul>
          </div>
        </xsl:for-each>
      </nav>
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
