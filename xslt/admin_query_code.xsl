<?xml version="1.0" encoding="UTF-8"?>
<!-- The slip with a reissued query code (查询码补发单), to hand to the applicant or print: shown
     this once (the console keeps no copy), the old code void. Printing leaves only the slip. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:variable name="q" select="/page/query-code"/>
  <xsl:template match="page" mode="title">查询码补发单 <xsl:value-of select="$q/@tracking-no"/></xsl:template>
  <xsl:template match="page" mode="console">
    <p class="message ok no-print" role="status">已重新发放查询码，原查询码即时作废。新查询码只在本页显示这一次，请交给申请人或打印本页。</p>
    <article class="receipt query-code-slip" aria-labelledby="slip-title">
      <p class="receipt-issuer"><xsl:value-of select="/page/site/@name"/></p>
      <h1 id="slip-title">政府信息公开申请查询码补发单</h1>
      <div class="query-code">
        <p>受理编号：<strong class="code"><xsl:value-of select="$q/@tracking-no"/></strong></p>
        <p>新查询码：<strong class="code"><xsl:value-of select="$q/@code"/></strong></p>
      </div>
      <p>申请人遗失查询码，经核验身份后于<xsl:value-of select="$q/@date"/>重新发放。原查询码自发放之时起不再有效。</p>
      <p>凭受理编号和新查询码，可以在本站“依申请公开”栏目的“查询办理进度”页面查询办理进度、查看答复。查询码不区分大小写，本机关不保存查询码，请妥善保管。</p>
      <p class="receipt-footer"><xsl:value-of select="/page/site/@name"/><xsl:text>　</xsl:text><xsl:value-of select="$q/@date"/></p>
    </article>
    <p class="no-print"><a href="{$admin}requests/{$q/@request}">返回申请</a></p>
  </xsl:template>
</xsl:stylesheet>
