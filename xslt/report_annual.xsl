<?xml version="1.0" encoding="UTF-8"?>
<!-- The whole annual report in the national template's layout (国办公开办函〔2021〕30号): sections
     一 to 六, the tables of 二, 三 and 四 with every row, group label and column group, and the check
     rules; printable. Staff see the scope and year, the exports, the form for their text and entered
     figures, and the button that makes the report a draft notice. Used by the staff page and
     `xxgkctl report annual`. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title"><xsl:value-of select="concat(annual/@scope-name, annual/@year)"/>年度政府信息公开工作年度报告</xsl:template>

  <xsl:template name="entered">
    <xsl:param name="on"/>
    <xsl:if test="$on = '1'"><span class="meta">（填报）</span></xsl:if>
  </xsl:template>

  <xsl:template name="staff-text">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="string($text)"><div class="staff-text" style="white-space: pre-line"><xsl:value-of select="$text"/></div></xsl:when>
      <xsl:otherwise><p class="meta">（尚未填写）</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="console">
    <xsl:variable name="a" select="annual"/>
    <xsl:variable name="q" select="concat('year=', $a/@year, '&amp;scope=', $a/@scope, '&amp;body=', $a/@body)"/>
    <xsl:if test="/page/user">
      <form method="get" action="{$admin}reports/annual" class="filters">
        <label for="y">年度</label>
        <input id="y" name="year" type="text" inputmode="numeric" size="6" value="{$a/@year}"/>
        <label for="b">范围</label>
        <select id="b" name="body">
          <option value="">本站（<xsl:value-of select="/page/site/@name"/>）</option>
          <xsl:for-each select="bodies/body"><option value="{@id}"><xsl:if test="@id = $a/@body"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option></xsl:for-each>
        </select>
        <button type="submit">查看</button>
        <xsl:if test="bodies/@all"><a class="button secondary" href="{$admin}reports/annual?year={$a/@year}&amp;scope=all">全部站点</a></xsl:if>
        <a class="button secondary" href="{$admin}reports/annual?{$q}&amp;format=csv">导出CSV</a>
        <a class="button secondary" href="{$admin}reports/annual?{$q}&amp;format=xlsx">导出XLSX</a>
      </form>
    </xsl:if>
    <h1><xsl:value-of select="concat($a/@scope-name, $a/@year)"/>年度政府信息公开工作年度报告</h1>
    <xsl:if test="$a/as-of-note"><p class="note as-of"><strong><xsl:value-of select="$a/as-of-note"/></strong></p></xsl:if>

    <h2>一、总体情况</h2>
    <xsl:call-template name="staff-text"><xsl:with-param name="text" select="$a/texts/overview"/></xsl:call-template>

    <h2>二、主动公开政府信息情况</h2>
    <table class="annual proactive">
      <tr><th scope="colgroup" colspan="4">第二十条第（一）项</th></tr>
      <tr><th scope="col">信息内容</th><th scope="col">本年制发件数</th><th scope="col">本年废止件数</th><th scope="col">现行有效件数</th></tr>
      <xsl:for-each select="$a/proactive/document">
        <tr><th scope="row"><xsl:value-of select="@label"/></th><td><xsl:value-of select="@made"/></td><td><xsl:value-of select="@repealed"/></td><td><xsl:value-of select="@in-force"/></td></tr>
      </xsl:for-each>
      <tr><th scope="colgroup" colspan="4">第二十条第（五）项</th></tr>
      <tr><th scope="col">信息内容</th><th scope="col" colspan="3">本年处理决定数量</th></tr>
      <xsl:apply-templates select="$a/proactive/decisions[@key = 'licensing']"/>
      <tr><th scope="colgroup" colspan="4">第二十条第（六）项</th></tr>
      <tr><th scope="col">信息内容</th><th scope="col" colspan="3">本年处理决定数量</th></tr>
      <xsl:apply-templates select="$a/proactive/decisions[@key != 'licensing']"/>
      <tr><th scope="colgroup" colspan="4">第二十条第（八）项</th></tr>
      <tr><th scope="col">信息内容</th><th scope="col" colspan="3">本年收费金额（单位：万元）</th></tr>
      <tr><th scope="row">行政事业性收费</th><td colspan="3"><xsl:choose><xsl:when test="$a/proactive/admin-fees/@entered"><xsl:value-of select="$a/proactive/admin-fees/@wan"/> <span class="meta">（填报）</span></xsl:when><xsl:otherwise><span class="meta">（未填报）</span></xsl:otherwise></xsl:choose></td></tr>
    </table>

    <h2>三、收到和处理政府信息公开申请情况</h2>
    <table class="annual">
      <caption>（单位：件）</caption>
      <thead>
        <tr>
          <th scope="col" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>
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
          <xsl:if test="@group"><tr><th scope="rowgroup" colspan="8" class="group"><xsl:value-of select="@group"/></th></tr></xsl:if>
          <tr class="level-{@level}">
            <th scope="row"><xsl:value-of select="@label"/></th>
            <xsl:for-each select="cell"><td><xsl:value-of select="."/></td></xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <p class="check">
      <xsl:choose>
        <xsl:when test="not($a/columns/column[@balanced = '0'])">勾稽关系核对：各列“一 + 二 = 三（七） + 四”均成立。</xsl:when>
        <xsl:otherwise><strong class="warn">勾稽关系核对未通过：</strong><xsl:for-each select="$a/columns/column[@balanced = '0']"><xsl:value-of select="."/> </xsl:for-each></xsl:otherwise>
      </xsl:choose>
    </p>

    <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
    <table class="annual reviews">
      <caption>（单位：件）</caption>
      <thead>
        <tr><th scope="colgroup" colspan="5" rowspan="2">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th></tr>
        <tr><th scope="colgroup" colspan="5">未经复议直接起诉</th><th scope="colgroup" colspan="5">复议后起诉</th></tr>
        <tr><xsl:for-each select="$a/reviews/group/cell"><th scope="col"><xsl:value-of select="@label"/></th></xsl:for-each></tr>
      </thead>
      <tbody>
        <tr><xsl:for-each select="$a/reviews/group/cell"><td><xsl:value-of select="."/></td></xsl:for-each></tr>
      </tbody>
    </table>
    <p class="check">
      <xsl:choose>
        <xsl:when test="$a/reviews/@balanced = '1'">勾稽关系核对：各组“总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结”均成立。</xsl:when>
        <xsl:otherwise><strong class="warn">勾稽关系核对未通过。</strong></xsl:otherwise>
      </xsl:choose>
    </p>

    <h2>五、存在的主要问题及改进情况</h2>
    <xsl:call-template name="staff-text"><xsl:with-param name="text" select="$a/texts/problems"/></xsl:call-template>

    <h2>六、其他需要报告的事项</h2>
    <xsl:call-template name="staff-text"><xsl:with-param name="text" select="$a/texts/other"/></xsl:call-template>
    <p class="fees">本年度收取政府信息公开信息处理费<xsl:value-of select="$a/fees/@requests"/>件，共<xsl:value-of select="$a/fees/@yuan"/>元（<xsl:value-of select="$a/fees/@wan"/>万元）。</p>

    <xsl:if test="/page/user/@role = 'approver' or /page/user/@role = 'admin'">
      <section class="no-print" aria-labelledby="ed-h">
        <h2 id="ed-h">填写报告</h2>
        <p class="meta">系统无法统计的内容由工作人员填写；填报的数字在报告中标明“填报”，留空则按公开信息统计。</p>
        <form method="post" action="{$admin}reports/annual?{$q}" class="editor">
          <xsl:call-template name="csrf"/>
          <div class="row"><label for="t-overview">一、总体情况</label><textarea id="t-overview" name="overview" rows="6"><xsl:value-of select="$a/texts/overview"/></textarea></div>
          <div class="row"><label for="t-problems">五、存在的主要问题及改进情况</label><textarea id="t-problems" name="problems" rows="4"><xsl:value-of select="$a/texts/problems"/></textarea></div>
          <div class="row"><label for="t-other">六、其他需要报告的事项</label><textarea id="t-other" name="other" rows="4"><xsl:value-of select="$a/texts/other"/></textarea></div>
          <div class="row"><label for="t-fees">行政事业性收费（万元）</label><input id="t-fees" name="fees_wan" type="text" inputmode="decimal" value="{$a/proactive/admin-fees/@wan}"/></div>
          <xsl:for-each select="$a/proactive/decisions">
            <div class="row"><label for="t-{@key}"><xsl:value-of select="@label"/>决定数量（留空：按公开信息统计）</label>
              <input id="t-{@key}" name="{@key}" type="text" inputmode="numeric"><xsl:if test="@entered"><xsl:attribute name="value"><xsl:value-of select="@count"/></xsl:attribute></xsl:if></input></div>
          </xsl:for-each>
          <button type="submit">保存</button>
        </form>
        <xsl:choose>
          <xsl:when test="string($a/@notice)"><p>已生成公开信息草稿：<a href="{$admin}notices/{$a/@notice}">查看</a>。</p></xsl:when>
          <xsl:when test="$a/@scope != 'all'">
            <form method="post" action="{$admin}reports/annual/notice?{$q}" class="editor">
              <xsl:call-template name="csrf"/>
              <div class="row"><label for="t-category">发布栏目</label>
                <select id="t-category" name="category"><xsl:for-each select="categories/category"><option value="{@code}"><xsl:value-of select="."/></option></xsl:for-each></select></div>
              <button type="submit">生成公开信息草稿</button>
            </form>
          </xsl:when>
        </xsl:choose>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="decisions">
    <tr><th scope="row"><xsl:value-of select="@label"/></th><td colspan="3"><xsl:value-of select="@count"/><xsl:call-template name="entered"><xsl:with-param name="on" select="@entered"/></xsl:call-template></td></tr>
  </xsl:template>
</xsl:stylesheet>
