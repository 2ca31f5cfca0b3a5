<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <!-- The field as the site's document names it (公共资源配置领域, 公共资源交易领域). -->
  <xsl:variable name="heading" select="concat(/page/catalog/@scope, '信息公开')"/>
  <xsl:template match="page" mode="title"><xsl:value-of select="$heading"/></xsl:template>
  <xsl:template match="page" mode="column-name"><xsl:value-of select="$heading"/></xsl:template>
  <xsl:template match="page" mode="column-description">
    <xsl:variable name="c" select="catalog"/>
    <xsl:value-of select="concat($c/@jurisdiction, $c/@scope, '政府信息，按《', $c/@source, '》的目录分栏公开：')"/>
    <xsl:for-each select="$c/domain">
      <xsl:if test="position() > 1">、</xsl:if><xsl:value-of select="@name"/>
    </xsl:for-each>
    <xsl:text>。</xsl:text>
  </xsl:template>
  <xsl:template match="page" mode="column-keywords">
    <xsl:value-of select="concat(catalog/@jurisdiction, '，', catalog/@scope, '，政府信息公开')"/>
    <xsl:for-each select="catalog/domain">，<xsl:value-of select="@name"/></xsl:for-each>
  </xsl:template>
  <xsl:template match="page" mode="head">
    <link rel="alternate" type="application/atom+xml" title="最新公开信息" href="{$base}feed.atom"/>
  </xsl:template>
  <xsl:template match="page" mode="main">
    <xsl:variable name="c" select="catalog"/>
    <h1><xsl:value-of select="$heading"/></h1>
    <p class="lead">
      <xsl:value-of select="$c/@jurisdiction"/><xsl:value-of select="$c/@scope"/>政府信息，按《<xsl:value-of select="$c/@source"/>》<xsl:if test="$c/@document-number">（<xsl:value-of select="$c/@document-number"/>）</xsl:if>的目录分栏公开。
      <a href="{$base}catalog"><xsl:value-of select="$c/@name"/></a>列出各类信息的公开内容、时限、方式和责任单位。
    </p>
    <div class="domain-grid">
      <xsl:for-each select="$c/domain">
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
      <xsl:call-template name="feed-link">
        <xsl:with-param name="href" select="concat($base, 'feed.atom')"/>
        <xsl:with-param name="label" select="'订阅最新公开信息'"/>
      </xsl:call-template>
    </section>
  </xsl:template>
</xsl:stylesheet>
