<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">账号</xsl:template>
  <xsl:template match="page" mode="console">
    <h1>账号</h1>
    <p class="meta">账号由 <code>xxgkctl user</code> 管理。登录失败后的限制见<a href="{$admin}login-limits">登录限制</a>。</p>
    <table class="list">
      <caption class="visually-hidden">账号列表</caption>
      <thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">角色</th><th scope="col">负责机构</th><th scope="col">状态</th><th scope="col">最近登录</th></tr></thead>
      <tbody>
        <xsl:for-each select="users/user">
          <tr>
            <td><xsl:value-of select="@login"/></td>
            <td><xsl:value-of select="@name"/></td>
            <td><xsl:apply-templates select="@role" mode="label"/><xsl:if test="string(@scope)"><xsl:value-of select="concat(' ', @scope)"/></xsl:if></td>
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
  </xsl:template>
</xsl:stylesheet>
