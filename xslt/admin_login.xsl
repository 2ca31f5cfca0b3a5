<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">工作人员登录</xsl:template>
  <xsl:template match="page" mode="console">
    <h1>工作人员登录</h1>
    <xsl:if test="login/message">
      <p class="form-error" role="alert" id="login-error"><xsl:value-of select="login/message"/></p>
    </xsl:if>
    <form method="post" action="{$admin}login" class="stack narrow">
      <input type="hidden" name="next" value="{login/@next}"/>
      <label for="login">用户名</label>
      <input id="login" name="login" type="text" autocomplete="username" required="required" value="{login/@login}">
        <xsl:if test="login/message"><xsl:attribute name="aria-describedby">login-error</xsl:attribute></xsl:if>
      </input>
      <label for="password">密码</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required="required"/>
      <button type="submit">登录</button>
    </form>
  </xsl:template>
</xsl:stylesheet>
