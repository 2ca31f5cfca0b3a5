<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:template match="page" mode="title"><xsl:value-of select="error/@status"/> 错误</xsl:template>
  <xsl:template match="page" mode="main">
    <div class="error" role="alert">
      <h1><xsl:value-of select="error/@status"/><xsl:text> </xsl:text><xsl:value-of select="error/@reason"/></h1>
      <p><xsl:value-of select="error"/></p>
      <xsl:if test="error/@field"><p>出错的字段：<xsl:value-of select="error/@field"/></p></xsl:if>
      <p><a href="{$prefix}/">返回首页</a></p>
    </div>
  </xsl:template>
</xsl:stylesheet>
