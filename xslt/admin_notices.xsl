<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">公开信息管理</xsl:template>
  <xsl:template match="page" mode="console">
    <h1>公开信息管理</h1>
    <p><a class="button" href="{$admin}notices/new">新建公开信息</a></p>
    <form method="get" action="{$admin}notices" class="filters">
      <label for="f-status">状态</label>
      <select id="f-status" name="status">
        <option value="">全部</option>
        <xsl:call-template name="option"><xsl:with-param name="v" select="'draft'"/><xsl:with-param name="t" select="'草稿'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="v" select="'pending'"/><xsl:with-param name="t" select="'待审核'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="v" select="'published'"/><xsl:with-param name="t" select="'已公开'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="v" select="'withdrawn'"/><xsl:with-param name="t" select="'已撤回'"/></xsl:call-template>
      </select>
      <label for="f-q">标题含</label>
      <input id="f-q" name="q" type="search" value="{notices/@q}"/>
      <button type="submit">筛选</button>
    </form>
    <div class="table-scroll" role="region" aria-label="公开信息列表" tabindex="0">
    <table class="list">
      <caption class="visually-hidden">公开信息列表</caption>
      <thead><tr><th scope="col">标题</th><th scope="col">信息类别</th><th scope="col">发布机构</th><th scope="col">状态</th><th scope="col">更新时间</th></tr></thead>
      <tbody>
        <xsl:for-each select="notices/notice">
          <tr>
            <td><a href="{$admin}notices/{@id}"><xsl:value-of select="@title"/></a></td>
            <td><xsl:value-of select="@category-name"/></td>
            <td><xsl:value-of select="@issuer"/></td>
            <td><xsl:apply-templates select="@status"/></td>
            <td><xsl:value-of select="@updated"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    </div>
    <xsl:if test="notices/@older">
      <nav class="pager" aria-label="分页"><a rel="next" href="{$admin}notices?before={notices/@older}&amp;status={notices/@status}&amp;q={notices/@q}">下一页</a></nav>
    </xsl:if>
  </xsl:template>
  <xsl:template name="option">
    <xsl:param name="v"/><xsl:param name="t"/>
    <option value="{$v}"><xsl:if test="/page/notices/@status = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="$t"/></option>
  </xsl:template>
  <xsl:template match="@status">
    <span class="status status-{.}">
      <xsl:choose>
        <xsl:when test=". = 'draft'">草稿</xsl:when>
        <xsl:when test=". = 'pending'">待审核</xsl:when>
        <xsl:when test=". = 'published'">已公开</xsl:when>
        <xsl:when test=". = 'withdrawn'">已撤回</xsl:when>
      </xsl:choose>
    </span>
  </xsl:template>
</xsl:stylesheet>
