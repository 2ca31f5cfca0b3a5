<?xml version="1.0" encoding="UTF-8"?>
<!-- Where a person reaches a disclosing body (a bodies record, core/body.h): its name, address,
     telephone, fax and office hours, as the request form's help box and the receipt give them.
     A field the record leaves empty is left out, not shown blank. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="body" mode="contact">
    <xsl:param name="id" select="'contact'"/>
    <xsl:param name="heading" select="'办理机关'"/>
    <section class="body-contact" aria-labelledby="{$id}-title">
      <h2 id="{$id}-title"><xsl:value-of select="$heading"/></h2>
      <dl>
        <dt>名称</dt><dd><xsl:value-of select="@name"/></dd>
        <xsl:if test="string(@address)"><dt>地址</dt><dd><xsl:value-of select="@address"/><xsl:if test="string(@postcode)">（邮政编码 <xsl:value-of select="@postcode"/>）</xsl:if></dd></xsl:if>
        <xsl:if test="string(@phone)"><dt>电话</dt><dd><a href="tel:{translate(@phone, ' -()', '')}"><xsl:value-of select="@phone"/></a></dd></xsl:if>
        <xsl:if test="string(@fax)"><dt>传真</dt><dd><xsl:value-of select="@fax"/></dd></xsl:if>
        <xsl:if test="string(@hours)"><dt>办公时间</dt><dd><xsl:value-of select="@hours"/></dd></xsl:if>
      </dl>
    </section>
  </xsl:template>
</xsl:stylesheet>
