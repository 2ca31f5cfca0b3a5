<?xml version="1.0" encoding="UTF-8"?>
<!-- An error page: the status and what it means in Chinese, the message, the field it concerns
     (its name as the form or the address gives it, shown as code). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:template match="page" mode="title"><xsl:value-of select="error/@status"/><xsl:text> </xsl:text><xsl:apply-templates select="error" mode="what"/></xsl:template>
  <xsl:template match="page" mode="main">
    <div class="error" role="alert">
      <h1><xsl:value-of select="error/@status"/><xsl:text> </xsl:text><xsl:apply-templates select="error" mode="what"/></h1>
      <p><xsl:value-of select="error"/></p>
      <xsl:if test="error/@field"><p>出错的字段：<code><xsl:value-of select="error/@field"/></code></p></xsl:if>
      <p><a href="{$prefix}/">返回首页</a></p>
    </div>
  </xsl:template>

  <xsl:template match="error" mode="what">
    <xsl:choose>
      <xsl:when test="@status = 400">请求有误</xsl:when>
      <xsl:when test="@status = 401">需要身份验证</xsl:when>
      <xsl:when test="@status = 403">无权访问</xsl:when>
      <xsl:when test="@status = 404">页面不存在</xsl:when>
      <xsl:when test="@status = 405">不支持该请求方式</xsl:when>
      <xsl:when test="@status = 409">与当前状态冲突</xsl:when>
      <xsl:when test="@status = 413">提交的内容过大</xsl:when>
      <xsl:when test="@status = 415">不支持的内容类型</xsl:when>
      <xsl:when test="@status = 429">操作过于频繁</xsl:when>
      <xsl:when test="@status = 503">服务暂时不可用</xsl:when>
      <xsl:otherwise>系统错误</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
