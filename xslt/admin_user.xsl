<?xml version="1.0" encoding="UTF-8"?>
<!-- One account of the site (admins): its role, bodies and mail address; disable or enable it;
     a new password. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">账号 <xsl:value-of select="users/user/@login"/></xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="u" select="users/user"/>
    <p><a href="{$admin}users">返回账号列表</a></p>
    <h1>账号 <xsl:value-of select="$u/@login"/><xsl:if test="$u/@disabled = '1'">（已停用）</xsl:if></h1>
    <xsl:if test="@done"><p class="message ok" role="status">已保存。</p></xsl:if>
    <xsl:apply-templates select="edit/error"/>
    <section aria-labelledby="set-h">
      <h2 id="set-h">角色、负责机构和邮箱</h2>
      <form method="post" action="{$admin}users/{$u/@id}" class="editor">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="action" value="save"/>
        <xsl:call-template name="account-fields"><xsl:with-param name="u" select="$u"/></xsl:call-template>
        <p class="field">
          <input id="u-remind" name="remind" type="checkbox" value="1">
            <xsl:if test="(edit/value and edit/value[@name = 'remind']) or (not(edit/value) and $u/@remind = '1')"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="u-remind">每天发送到期提醒邮件</label>
        </p>
        <button type="submit">保存</button>
      </form>
    </section>
    <section aria-labelledby="pw-h">
      <h2 id="pw-h">重设密码</h2>
      <form method="post" action="{$admin}users/{$u/@id}" class="editor" autocomplete="off">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="action" value="passwd"/>
        <p class="field">
          <label for="u-password">新密码（至少8个字符）</label>
          <input id="u-password" name="password" type="password" required="required" minlength="8" autocomplete="new-password"/>
        </p>
        <button type="submit">重设密码</button>
      </form>
    </section>
    <section aria-labelledby="st-h">
      <h2 id="st-h">停用或启用</h2>
      <form method="post" action="{$admin}users/{$u/@id}" class="inline">
        <xsl:call-template name="csrf"/>
        <xsl:choose>
          <xsl:when test="$u/@disabled = '1'">
            <input type="hidden" name="action" value="enable"/>
            <button type="submit">启用账号</button>
          </xsl:when>
          <xsl:otherwise>
            <input type="hidden" name="action" value="disable"/>
            <button type="submit" class="secondary">停用账号（立即退出登录）</button>
          </xsl:otherwise>
        </xsl:choose>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
