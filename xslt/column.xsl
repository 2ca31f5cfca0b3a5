<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:template match="page" mode="title"><xsl:value-of select="column/@name"/></xsl:template>
  <xsl:template match="page" mode="meta">
    <meta name="ColumnName" content="{column/@name}"/>
    <meta name="ColumnType" content="{column/@kind}"/>
    <link rel="alternate" type="application/atom+xml" title="{column/@name}" href="{$base}c/{column/@code}/feed.atom"/>
  </xsl:template>
  <xsl:template match="page" mode="main">
    <nav class="breadcrumb" aria-label="当前位置">
      <a href="{$base}">首页</a>
      <xsl:for-each select="column/path/step">
        <xsl:text> › </xsl:text>
        <xsl:choose>
          <xsl:when test="position() = last()"><span aria-current="page"><xsl:value-of select="@name"/></span></xsl:when>
          <xsl:otherwise><a href="{$base}c/{@code}"><xsl:value-of select="@name"/></a></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </nav>
    <h1><xsl:value-of select="column/@name"/></h1>
    <xsl:if test="column/lead or column/responsible or column/@attribute or column/@body or column/@row">
      <dl class="column-facts">
        <xsl:if test="column/@row"><dt>目录序号</dt><dd>附件<xsl:value-of select="column/@appendix"/> 第<xsl:value-of select="column/@row"/>项</dd></xsl:if>
        <xsl:if test="column/lead"><dt>牵头单位</dt><dd><xsl:value-of select="column/lead"/></dd></xsl:if>
        <xsl:if test="column/responsible"><dt>责任单位</dt><dd><xsl:value-of select="column/responsible"/></dd></xsl:if>
        <xsl:if test="column/@attribute"><dt>公开属性</dt><dd><xsl:value-of select="column/@attribute"/></dd></xsl:if>
        <xsl:if test="column/@body"><dt>公开主体</dt><dd><xsl:value-of select="column/@body"/></dd></xsl:if>
        <xsl:if test="column/@limit-days"><dt>公开时限</dt><dd><xsl:value-of select="column/@limit-days"/>个工作日</dd></xsl:if>
      </dl>
    </xsl:if>
    <xsl:if test="column/sub">
      <nav class="subcolumns" aria-label="下级栏目">
        <ul>
          <xsl:for-each select="column/sub">
            <li><a href="{$base}c/{@code}"><xsl:value-of select="@name"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
    <xsl:if test="column/item">
      <details class="required-items">
        <summary>本类信息应公开的内容（<xsl:value-of select="count(column/item)"/>项）</summary>
        <ol>
          <xsl:for-each select="column/item"><li><xsl:value-of select="."/></li></xsl:for-each>
        </ol>
      </details>
    </xsl:if>
    <xsl:if test="column/note">
      <p class="note"><xsl:value-of select="column/note"/></p>
    </xsl:if>
    <h2>信息列表</h2>
    <xsl:apply-templates select="notices"/>
    <xsl:apply-templates select="paging">
      <xsl:with-param name="url" select="concat($base, 'c/', column/@code)"/>
    </xsl:apply-templates>
  </xsl:template>
</xsl:stylesheet>
