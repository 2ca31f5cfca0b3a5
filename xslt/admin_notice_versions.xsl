<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">版本记录</xsl:template>
  <xsl:template match="page" mode="console">
    <h1>版本记录：<xsl:value-of select="versions/@title"/></h1>
    <p><a href="{$admin}notices/{versions/@id}">返回编辑</a></p>
    <xsl:for-each select="versions/version">
      <details class="version">
        <summary>第<xsl:value-of select="@version"/>版 · <xsl:value-of select="@saved-at"/> · <xsl:value-of select="@actor"/></summary>
        <pre><xsl:value-of select="snapshot"/></pre>
      </details>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
