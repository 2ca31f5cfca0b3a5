<?xml version="1.0" encoding="UTF-8"?>
<!-- Atom 1.0 (RFC 4287) feed of a site or a column, from the <feed> that fcgi/public/page_feed.c builds.
     Not an HTML page, so it does not import _layout.xsl. All text arrives as text nodes and
     attribute values and is escaped by the XML serializer. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/2005/Atom">
  <xsl:output method="xml" encoding="UTF-8" indent="yes" media-type="application/atom+xml"/>

  <xsl:template match="/">
    <xsl:apply-templates select="page/feed"/>
  </xsl:template>

  <xsl:template match="feed">
    <feed xml:lang="zh-CN">
      <id><xsl:value-of select="@id"/></id>
      <title type="text"><xsl:value-of select="@title"/></title>
      <subtitle type="text"><xsl:value-of select="@subtitle"/></subtitle>
      <updated><xsl:value-of select="@updated"/></updated>
      <link rel="self" type="application/atom+xml" href="{@self}"/>
      <link rel="alternate" type="text/html" href="{@alternate}"/>
      <author>
        <name><xsl:value-of select="/page/site/@name"/></name>
        <uri><xsl:value-of select="@alternate"/></uri>
      </author>
      <generator>xxgk</generator>
      <xsl:apply-templates select="entry"/>
    </feed>
  </xsl:template>

  <xsl:template match="entry">
    <entry>
      <id><xsl:value-of select="@id"/></id>
      <title type="text"><xsl:value-of select="title"/></title>
      <link rel="alternate" type="text/html" href="{@link}"/>
      <published><xsl:value-of select="@published"/></published>
      <updated><xsl:value-of select="@updated"/></updated>
      <author><name><xsl:value-of select="@author"/></name></author>
      <xsl:if test="@category">
        <category term="{@category}" label="{@category-name}"/>
      </xsl:if>
      <summary type="text">
        <xsl:if test="@index-no">
          <xsl:text>索引号：</xsl:text><xsl:value-of select="@index-no"/>
          <xsl:text>。</xsl:text>
        </xsl:if>
        <xsl:if test="string(@doc-number) != ''">
          <xsl:text>发文字号：</xsl:text><xsl:value-of select="@doc-number"/>
          <xsl:text>。</xsl:text>
        </xsl:if>
        <xsl:value-of select="summary"/>
      </summary>
    </entry>
  </xsl:template>
</xsl:stylesheet>
