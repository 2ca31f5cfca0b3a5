<?xml version="1.0" encoding="UTF-8"?>
<!-- The latest notices of a column as a bare list for a CMS page to include (SSI or
     xslt/static/embed.js): no <html>, no layout, no XML declaration. Serialized as XML, which for
     this markup (no empty elements: an empty list still has one item) is also well-formed HTML;
     the serializer escapes every title. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no" media-type="text/html"/>

  <xsl:template match="/">
    <xsl:apply-templates select="page/fragment | page/fragment-error"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="fragment">
    <ul class="xxgk-fragment" data-column="{@code}" aria-label="{@name}">
      <xsl:for-each select="notice">
        <li><a href="{@url}"><xsl:value-of select="."/></a><xsl:text> </xsl:text><time datetime="{@date}"><xsl:value-of select="@date"/></time></li>
      </xsl:for-each>
      <xsl:if test="not(notice)">
        <li class="xxgk-empty">本栏目暂无公开信息。</li>
      </xsl:if>
    </ul>
  </xsl:template>

  <xsl:template match="fragment-error">
    <p class="xxgk-fragment-error" data-status="{@status}"><xsl:value-of select="."/></p>
  </xsl:template>
</xsl:stylesheet>
