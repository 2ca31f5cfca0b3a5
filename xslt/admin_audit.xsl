<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">操作日志</xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="a" select="audit"/>
    <h1>操作日志</h1>
    <form method="get" action="{$admin}audit" class="filters">
      <label for="a-subject">对象</label>
      <select id="a-subject" name="subject">
        <option value="">全部</option>
        <option value="notice"><xsl:if test="$a/@subject='notice'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>公开信息</option>
        <option value="request"><xsl:if test="$a/@subject='request'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>依申请公开</option>
        <option value="user"><xsl:if test="$a/@subject='user'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>账号</option>
        <option value="calendar"><xsl:if test="$a/@subject='calendar'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>工作日历</option>
        <option value="token"><xsl:if test="$a/@subject='token'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>接口令牌</option>
      </select>
      <label for="a-actor">操作人</label><input id="a-actor" name="actor" type="text" value="{$a/@actor}"/>
      <label for="a-from">自</label><input id="a-from" name="from" type="date" value="{$a/@from}"/>
      <label for="a-to">至</label><input id="a-to" name="to" type="date" value="{$a/@to}"/>
      <button type="submit">筛选</button>
      <a class="button secondary" href="{$admin}audit.csv?subject={$a/@subject}&amp;actor={$a/@actor}&amp;from={$a/@from}&amp;to={$a/@to}">导出CSV</a>
    </form>
    <div class="table-scroll" role="region" aria-label="操作日志" tabindex="0">
    <table class="list audit">
      <caption class="visually-hidden">操作日志</caption>
      <thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">说明</th><th scope="col">变更</th></tr></thead>
      <tbody>
        <xsl:for-each select="$a/entry">
          <tr>
            <td><xsl:value-of select="@at"/></td>
            <td><xsl:apply-templates select="@actor" mode="label"/><br/><span class="meta"><xsl:value-of select="@ip"/></span></td>
            <td><xsl:apply-templates select="@action" mode="label"/></td>
            <td><xsl:apply-templates select="@subject" mode="label"/><xsl:if test="string(@subject-id)"><xsl:value-of select="concat(' ', @subject-id)"/></xsl:if></td>
            <td><xsl:value-of select="@note"/></td>
            <td>
              <xsl:if test="string(before) or string(after)">
                <details><summary>前后记录</summary>
                  <xsl:if test="string(before)"><p>之前：</p><pre><xsl:value-of select="before"/></pre></xsl:if>
                  <xsl:if test="string(after)"><p>之后：</p><pre><xsl:value-of select="after"/></pre></xsl:if>
                </details>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    </div>
    <xsl:if test="$a/@older">
      <nav class="pager" aria-label="分页"><a rel="next" href="{$admin}audit?before={$a/@older}&amp;subject={$a/@subject}&amp;actor={$a/@actor}&amp;from={$a/@from}&amp;to={$a/@to}">下一页</a></nav>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
