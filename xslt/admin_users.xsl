<?xml version="1.0" encoding="UTF-8"?>
<!-- The site's accounts (admins): the list and the form that adds one; admin_user.xsl changes one. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">账号</xsl:template>
  <xsl:template match="page" mode="console">
    <h1>账号</h1>
    <p class="meta">登录失败后的限制见<a href="{$admin}login-limits">登录限制</a>。管理全部站点的管理员账号由 <code>xxgkctl user</code> 管理。</p>
    <div class="table-scroll" role="region" aria-label="账号列表" tabindex="0">
      <table class="list">
        <caption class="visually-hidden">账号列表</caption>
        <thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">角色</th><th scope="col">负责机构</th><th scope="col">状态</th><th scope="col">最近登录</th></tr></thead>
        <tbody>
          <xsl:for-each select="users/user">
            <tr>
              <td>
                <xsl:choose>
                  <xsl:when test="@scope = ''"><a href="{$admin}users/{@id}"><xsl:value-of select="@login"/></a></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@login"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <td><xsl:value-of select="@name"/></td>
              <td><xsl:apply-templates select="@role" mode="label"/><xsl:if test="string(@scope)">（<xsl:value-of select="@scope"/>）</xsl:if></td>
              <td><xsl:value-of select="@bodies"/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="@disabled = '1'">已停用</xsl:when>
                  <xsl:otherwise>正常</xsl:otherwise>
                </xsl:choose>
              </td>
              <td><xsl:value-of select="@last-login"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <section aria-labelledby="add-h">
      <h2 id="add-h">新增账号</h2>
      <xsl:apply-templates select="edit/error"/>
      <form method="post" action="{$admin}users" class="editor" autocomplete="off">
        <xsl:call-template name="csrf"/>
        <p class="field">
          <label for="u-login">用户名</label>
          <input id="u-login" name="login" required="required" maxlength="64" pattern="[A-Za-z0-9._\-]+" value="{edit/value[@name = 'login']}"/>
        </p>
        <xsl:call-template name="account-fields"/>
        <p class="field">
          <label for="u-password">初始密码（至少8个字符）</label>
          <input id="u-password" name="password" type="password" required="required" minlength="8" autocomplete="new-password"/>
        </p>
        <button type="submit">新增账号</button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
