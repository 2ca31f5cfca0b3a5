<?xml version="1.0" encoding="UTF-8"?>
<!-- The requests table of the national annual-report template, exactly: every row and numbered
     reason, every applicant column; printable. Used by the staff page and `xxgkctl report annual`. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title"><xsl:value-of select="annual/@year"/>年度政府信息公开工作年度报告 · 收到和处理政府信息公开申请情况</xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="a" select="annual"/>
    <h1><xsl:value-of select="$a/@year"/>年度收到和处理政府信息公开申请情况</h1>
    <xsl:if test="/page/user">
      <form method="get" action="{$admin}reports/annual" class="filters">
        <label for="y">年度</label>
        <input id="y" name="year" type="text" inputmode="numeric" size="6" value="{$a/@year}"/>
        <button type="submit">查看</button>
        <a class="button secondary" href="{$admin}reports/annual?year={$a/@year}&amp;format=csv">导出CSV</a>
      </form>
    </xsl:if>
    <table class="annual">
      <caption>三、收到和处理政府信息公开申请情况（单位：件）</caption>
      <thead>
        <tr>
          <th scope="col" rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>
          <th scope="colgroup" colspan="7">申请人情况</th>
        </tr>
        <tr>
          <th scope="col" rowspan="2">自然人</th>
          <th scope="colgroup" colspan="5">法人或其他组织</th>
          <th scope="col" rowspan="2">总计</th>
        </tr>
        <tr>
          <xsl:for-each select="$a/columns/column[position() &gt; 1 and position() &lt; 7]"><th scope="col"><xsl:value-of select="."/></th></xsl:for-each>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$a/row">
          <tr class="level-{@level}">
            <th scope="row" colspan="3"><xsl:value-of select="@label"/></th>
            <xsl:for-each select="cell"><td><xsl:value-of select="."/></td></xsl:for-each>
          </tr>
          <xsl:if test="@key = 'carried-in'">
            <tr><th scope="rowgroup" colspan="10" class="group">三、本年度办理结果</th></tr>
          </xsl:if>
          <xsl:if test="@key = 'partly-disclosed'"><tr><th scope="rowgroup" colspan="10" class="group">（三）不予公开</th></tr></xsl:if>
          <xsl:if test="@key = 'not-disclosed:8'"><tr><th scope="rowgroup" colspan="10" class="group">（四）无法提供</th></tr></xsl:if>
          <xsl:if test="@key = 'cannot-provide:3'"><tr><th scope="rowgroup" colspan="10" class="group">（五）不予处理</th></tr></xsl:if>
          <xsl:if test="@key = 'not-processed:5'"><tr><th scope="rowgroup" colspan="10" class="group">（六）其他处理</th></tr></xsl:if>
        </xsl:for-each>
      </tbody>
    </table>
    <p class="check">
      <xsl:choose>
        <xsl:when test="not($a/columns/column[@balanced = '0'])">勾稽关系核对：各列“一 + 二 = 三（七） + 四”均成立。</xsl:when>
        <xsl:otherwise><strong class="warn">勾稽关系核对未通过：</strong><xsl:for-each select="$a/columns/column[@balanced = '0']"><xsl:value-of select="."/> </xsl:for-each></xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
