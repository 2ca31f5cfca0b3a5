<?xml version="1.0" encoding="UTF-8"?>
<!-- A user's own account: the mail address of the morning reminder, and whether it comes. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">我的账号</xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="a" select="account"/>
    <h1>我的账号</h1>
    <xsl:if test="@done"><p class="message ok" role="status">已保存。</p></xsl:if>
    <xsl:apply-templates select="$a/error"/>
    <dl class="column-facts">
      <dt>用户名</dt><dd><xsl:value-of select="$a/@login"/></dd>
      <dt>姓名</dt><dd><xsl:value-of select="$a/@name"/></dd>
      <dt>角色</dt><dd><xsl:apply-templates select="$a/@role" mode="label"/></dd>
    </dl>
    <form method="post" action="{$admin}account" class="editor">
      <xsl:call-template name="csrf"/>
      <p class="field">
        <label for="ac-email">电子邮箱（接收到期提醒）</label>
        <input id="ac-email" name="email" type="email" maxlength="254">
          <xsl:attribute name="value"><xsl:choose><xsl:when test="$a/value"><xsl:value-of select="$a/value[@name = 'email']"/></xsl:when><xsl:otherwise><xsl:value-of select="$a/@email"/></xsl:otherwise></xsl:choose></xsl:attribute>
        </input>
      </p>
      <p class="field">
        <input id="ac-remind" name="remind" type="checkbox" value="1">
          <xsl:if test="($a/value and $a/value[@name = 'remind']) or (not($a/value) and $a/@remind = '1')"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="ac-remind">每天早上邮件提醒</label>
      </p>
      <p class="meta">提醒您负责的申请中5个工作日内到期的和已逾期的；没有这样的申请时不发送。</p>
      <button type="submit">保存</button>
    </form>
  </xsl:template>
</xsl:stylesheet>
