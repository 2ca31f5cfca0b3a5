<?xml version="1.0" encoding="UTF-8"?>
<!-- The timeliness report in the console: its frame and the reports' navigation, a month picker
     with the months before and after, and the exports; the report itself is report_timeliness.xsl's
     (also `xxgkctl report timeliness`'s). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- The report first: the console's frame, imported after it, takes precedence over the public
       frame the report imports. -->
  <xsl:import href="report_timeliness.xsl"/>
  <xsl:import href="_admin.xsl"/>
  <xsl:include href="_reports_nav.xsl"/>

  <xsl:template match="page" mode="console">
    <xsl:variable name="y" select="number($t/@year-number)"/>
    <xsl:variable name="m" select="number($t/@month-number)"/>
    <xsl:variable name="prev" select="concat($y - ($m = 1), '-', format-number(($m + 10) mod 12 + 1, '00'))"/>
    <xsl:variable name="next" select="concat($y + ($m = 12), '-', format-number($m mod 12 + 1, '00'))"/>
    <xsl:variable name="month" select="concat($y, '-', format-number($m, '00'))"/>
    <xsl:call-template name="reports-nav"/>
    <form method="get" action="{$admin}reports/timeliness" class="filters month-picker">
      <a href="{$admin}reports/timeliness?month={$prev}" rel="prev">上个月</a>
      <label for="tl-month">月份</label>
      <input id="tl-month" name="month" type="month" value="{$month}" required="required"/>
      <button type="submit">查看</button>
      <a href="{$admin}reports/timeliness?month={$next}" rel="next">下个月</a>
      <span class="export">导出：<a href="{$admin}reports/timeliness?month={$month}&amp;format=csv" download="">CSV</a> · <a href="{$admin}reports/timeliness?month={$month}&amp;format=xlsx" download="">Excel（XLSX）</a></span>
    </form>
    <xsl:apply-templates select="." mode="main"/>
  </xsl:template>
</xsl:stylesheet>
