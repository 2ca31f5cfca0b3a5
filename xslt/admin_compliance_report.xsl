<?xml version="1.0" encoding="UTF-8"?>
<!-- The compliance report in the console's frame with the reports' navigation; the report is
     report_compliance.xsl's (also `xxgkctl report compliance`'s). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- The report first: the console's frame, imported after it, takes precedence over the public
       frame the report imports. -->
  <xsl:import href="report_compliance.xsl"/>
  <xsl:import href="_admin.xsl"/>
  <xsl:include href="_reports_nav.xsl"/>

  <xsl:template match="page" mode="console">
    <xsl:call-template name="reports-nav"/>
    <xsl:apply-templates select="." mode="main"/>
  </xsl:template>
</xsl:stylesheet>
