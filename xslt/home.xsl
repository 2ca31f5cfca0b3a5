<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:template match="page" mode="title">公共资源配置领域信息公开</xsl:template>
  <xsl:template match="page" mode="meta">
    <meta name="ColumnName" content="公共资源配置领域信息公开"/>
    <link rel="alternate" type="application/atom+xml" title="最新公开信息" href="{$base}feed.atom"/>
  </xsl:template>
  <xsl:template match="page" mode="main">
    <h1>公共资源配置领域信息公开</h1>
    <p class="lead"><xsl:value-of select="catalog/@jurisdiction"/>推进公共资源配置领域政府信息公开目录（依据：<xsl:value-of select="catalog/@source"/>）。</p>
    <div class="domain-grid">
      <xsl:for-each select="catalog/domain">
        <section class="domain" aria-labelledby="d-{@code}">
          <h2 id="d-{@code}"><a href="{$base}c/{@code}"><xsl:value-of select="@name"/></a></h2>
          <ul>
            <xsl:for-each select="category">
              <li><a href="{$base}c/{@code}"><xsl:value-of select="@name"/></a></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:for-each>
    </div>
    <section aria-labelledby="latest">
      <h2 id="latest">最新公开</h2>
      <xsl:apply-templates select="latest/notices"/>
    </section>
  </xsl:template>
</xsl:stylesheet>
