<?xml version="1.0" encoding="UTF-8"?>
<!-- A letter as sent, for printing (the print stylesheet hides everything but the letter). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title"><xsl:value-of select="letter/@title"/></xsl:template>
  <xsl:template match="page" mode="console">
    <p class="no-print"><a href="{$admin}requests/{letter/@request}">返回申请</a></p>
    <article class="letter">
      <h1><xsl:value-of select="letter/@title"/></h1>
      <p class="letter-no">受理编号：<xsl:value-of select="letter/@tracking-no"/></p>
      <xsl:for-each select="letter/p"><p><xsl:value-of select="."/></p></xsl:for-each>
    </article>
  </xsl:template>
</xsl:stylesheet>
