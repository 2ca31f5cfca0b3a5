<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">依申请公开办理</xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="q" select="queue"/>
    <h1>依申请公开办理</h1>
    <p>
      <a class="button" href="{$admin}requests/new">登记纸质、信函、传真或电子邮件申请</a>
      <xsl:text> </xsl:text><a class="button secondary" href="{$admin}reports/annual">年度报告统计表</a>
    </p>
    <nav class="filters" aria-label="筛选">
      <a href="{$admin}requests"><xsl:if test="not($q/@flag) and not($q/@scope)"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>办理中（按答复期限）</a>
      <a href="{$admin}requests?flag=soon"><xsl:if test="$q/@flag = 'soon'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>即将到期（5个工作日内）</a>
      <a href="{$admin}requests?flag=overdue"><xsl:if test="$q/@flag = 'overdue'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>已逾期</a>
      <a href="{$admin}requests?scope=all"><xsl:if test="$q/@scope = 'all'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>全部（含已办结）</a>
    </nav>
    <table class="list queue">
      <caption class="visually-hidden">申请列表</caption>
      <thead><tr><th scope="col">受理编号</th><th scope="col">申请人</th><th scope="col">所需信息</th><th scope="col">状态</th><th scope="col">收到日期</th><th scope="col">答复期限</th><th scope="col">办理机构</th></tr></thead>
      <tbody>
        <xsl:for-each select="$q/request">
          <tr class="flag-{@flag}">
            <td><a href="{$admin}requests/{@id}"><xsl:value-of select="@tracking-no"/></a></td>
            <td><xsl:value-of select="@name"/><br/><span class="meta"><xsl:value-of select="@phone"/></span></td>
            <td><xsl:value-of select="@description"/></td>
            <td><xsl:value-of select="@status-label"/></td>
            <td><xsl:value-of select="@received-on"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@clock = 'stopped'">计时中止（待补正）</xsl:when>
                <xsl:when test="@clock = 'paused'"><xsl:value-of select="@due-on"/></xsl:when>
                <xsl:otherwise>
                  <xsl:value-of select="@due-on"/>
                  <xsl:if test="@provisional = '1'">（暂定）</xsl:if>
                  <xsl:if test="@flag = 'overdue'"> <strong class="warn flag">已逾期</strong></xsl:if>
                  <xsl:if test="@flag = 'soon'"> <strong class="soon flag">剩<xsl:value-of select="@days-left"/>个工作日</strong></xsl:if>
                </xsl:otherwise>
              </xsl:choose>
            </td>
            <td><xsl:value-of select="@body"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:if test="not($q/request)"><p class="empty">没有符合条件的申请。</p></xsl:if>
    <form method="post" action="{$admin}ical" class="inline">
      <xsl:call-template name="csrf"/>
      <button type="submit" class="secondary">生成日历订阅链接（iCal）</button>
    </form>
  </xsl:template>
</xsl:stylesheet>
