<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:template match="page" mode="title">公共资源配置领域政府信息公开</xsl:template>
  <xsl:template match="page" mode="main">
    <h1>公共资源配置领域政府信息公开</h1>
    <p>本系统为以下站点提供公共资源配置领域信息公开专栏和依申请公开服务：</p>
    <ul class="site-list">
      <xsl:for-each select="sites/site">
        <li><a href="{$prefix}/{@key}/"><xsl:value-of select="@name"/></a>
          <xsl:if test="@catalog-of"><span class="meta">（采用<xsl:value-of select="@catalog-of"/>的公开目录）</span></xsl:if></li>
      </xsl:for-each>
    </ul>
  </xsl:template>
</xsl:stylesheet>
