<?xml version="1.0" encoding="UTF-8"?>
<!-- The console's reports: the row of links between them, shown above each report page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="reports-nav">
    <nav class="filters reports-nav" aria-label="报告">
      <a href="{$admin}reports/timeliness"><xsl:if test="$page = 'report-timeliness'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>主动公开时效报告</a>
      <a href="{$admin}reports/compliance"><xsl:if test="$page = 'report-compliance'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>公开情况自查报告</a>
      <a href="{$admin}reports/annual"><xsl:if test="$page = 'admin-annual'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>年度报告统计表（依申请公开）</a>
    </nav>
  </xsl:template>
</xsl:stylesheet>
