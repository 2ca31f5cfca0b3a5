<?xml version="1.0" encoding="UTF-8"?>
<!-- The staff console's frame: imports the public frame and adds the console navigation. Admin
     page stylesheets import this one and provide the "title" and "console" modes. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:variable name="admin" select="concat($base, 'admin/')"/>
  <xsl:variable name="csrf" select="/page/user/@csrf"/>

  <xsl:template match="page" mode="main">
    <xsl:if test="/page/user">
      <nav class="console-nav" aria-label="管理功能">
        <a href="{$admin}">工作台</a>
        <a href="{$admin}notices">公开信息</a>
        <a href="{$admin}requests">依申请公开</a>
        <a href="{$admin}reports/timeliness">时效报告</a>
        <a href="{$admin}reports/compliance">自查报告</a>
        <xsl:if test="/page/user/@role = 'admin'">
          <a href="{$admin}audit">操作日志</a>
          <a href="{$admin}users">账号</a>
          <a href="{$admin}bodies">机关</a>
          <a href="{$admin}login-limits">登录限制</a>
        </xsl:if>
        <span class="who"><xsl:value-of select="/page/user/@name"/>（<xsl:value-of select="/page/user/@role"/>）</span>
        <form method="post" action="{$admin}logout" class="inline">
          <input type="hidden" name="csrf" value="{$csrf}"/>
          <button type="submit" class="link">退出</button>
        </form>
      </nav>
    </xsl:if>
    <xsl:apply-templates select="/page" mode="console"/>
  </xsl:template>

  <!-- The hidden CSRF field every console form carries. -->
  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{$csrf}"/>
  </xsl:template>

  <xsl:template match="message">
    <p class="message {@kind}" role="status"><xsl:value-of select="."/></p>
  </xsl:template>
</xsl:stylesheet>
