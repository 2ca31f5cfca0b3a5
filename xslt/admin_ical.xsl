<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">日历订阅</xsl:template>
  <xsl:template match="page" mode="console">
    <h1>日历订阅</h1>
    <p>在日历软件中订阅以下地址，即可看到您负责的申请的答复期限。该地址只显示这一次，生成新地址后旧地址失效；请勿转给他人。</p>
    <p><label for="ical-url">订阅地址</label><br/><input id="ical-url" type="text" readonly="readonly" size="80" value="{ical/@url}"/></p>
    <p><a href="{$admin}requests">返回</a></p>
  </xsl:template>
</xsl:stylesheet>
