<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/bodies: the site's disclosing bodies (机关) — what letters are signed with and name (the
     review body and the court), what receipts give as the contact block — and the form to add one
     or change one. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:variable name="e" select="/page/edit"/>
  <xsl:template match="page" mode="title">机关</xsl:template>
  <xsl:template match="page" mode="console">
    <h1>机关</h1>
    <p class="meta">告知书以办理机关的落款签发，并写明其复议机关和管辖法院；回执写明受理机关的地址、电话、传真和办公时间。尚未指定办理机关的申请由受理机关办理。</p>
    <xsl:if test="@done"><p class="message ok" role="status">已保存。</p></xsl:if>
    <table class="list">
      <caption class="visually-hidden">本站的机关</caption>
      <thead><tr><th scope="col">名称</th><th scope="col">地址、电话、传真</th><th scope="col">办公时间</th><th scope="col">复议机关</th><th scope="col">管辖法院</th><th scope="col">落款</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
      <tbody>
        <xsl:for-each select="bodies/body">
          <tr>
            <td><xsl:value-of select="@name"/><xsl:if test="@receives = '1'"><br/><strong>受理本站申请</strong></xsl:if></td>
            <td><xsl:value-of select="@address"/><xsl:if test="string(@postcode)">（<xsl:value-of select="@postcode"/>）</xsl:if><br/>电话 <xsl:value-of select="@phone"/><xsl:if test="string(@fax)">，传真 <xsl:value-of select="@fax"/></xsl:if></td>
            <td><xsl:value-of select="@hours"/></td>
            <td><xsl:call-template name="or-missing"><xsl:with-param name="v" select="@review-body"/></xsl:call-template></td>
            <td><xsl:call-template name="or-missing"><xsl:with-param name="v" select="@court"/></xsl:call-template></td>
            <td><xsl:value-of select="@signature-line"/></td>
            <td><a href="{$admin}bodies/{@id}#edit-h">修改<span class="visually-hidden"><xsl:value-of select="@name"/></span></a></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <section aria-labelledby="edit-h">
      <h2 id="edit-h">
        <xsl:choose>
          <xsl:when test="$e/@id != '0'">修改机关</xsl:when>
          <xsl:otherwise>添加机关</xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:for-each select="$e/error">
        <p class="message error" role="alert"><xsl:value-of select="concat(@label, '：', .)"/></p>
      </xsl:for-each>
      <xsl:variable name="action">
        <xsl:choose>
          <xsl:when test="$e/@id != '0'"><xsl:value-of select="concat($admin, 'bodies/', $e/@id)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($admin, 'bodies')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <form method="post" action="{$action}" class="editor">
        <xsl:call-template name="csrf"/>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="l" select="'机关名称（必填）'"/></xsl:call-template>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'address'"/><xsl:with-param name="l" select="'地址'"/></xsl:call-template>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'postcode'"/><xsl:with-param name="l" select="'邮政编码'"/></xsl:call-template>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'phone'"/><xsl:with-param name="l" select="'电话'"/></xsl:call-template>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'fax'"/><xsl:with-param name="l" select="'传真'"/></xsl:call-template>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'hours'"/><xsl:with-param name="l" select="'办公时间'"/></xsl:call-template>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'review_body'"/><xsl:with-param name="l" select="'复议机关（告知书写明：六十日内申请行政复议）'"/></xsl:call-template>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'court'"/><xsl:with-param name="l" select="'管辖法院（告知书写明：六个月内提起行政诉讼）'"/></xsl:call-template>
        <xsl:call-template name="f"><xsl:with-param name="n" select="'signature'"/><xsl:with-param name="l" select="'落款（留空则为机关名称）'"/></xsl:call-template>
        <div class="row">
          <label><input type="checkbox" name="receives" value="1"><xsl:if test="$e/value[@name = 'receives'] = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input> 受理本站的申请（回执上写明；每站一个）</label>
        </div>
        <button type="submit">保存</button>
        <xsl:if test="$e/@id != '0'"> <a href="{$admin}bodies#edit-h">改为添加新机关</a></xsl:if>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="or-missing">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string($v)"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise><strong class="warn">未填写：告知书不能发出</strong></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="f">
    <xsl:param name="n"/>
    <xsl:param name="l"/>
    <div class="row">
      <label for="b-{$n}"><xsl:value-of select="$l"/></label>
      <input id="b-{$n}" name="{$n}" type="text" value="{$e/value[@name = $n]}">
        <xsl:if test="$e/error[@field = $n]"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
      </input>
    </div>
  </xsl:template>
</xsl:stylesheet>
