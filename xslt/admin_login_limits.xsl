<?xml version="1.0" encoding="UTF-8"?>
<!-- Sign-in limits for admins: blocked addresses and waiting accounts, with a button to end each
     (audited), and the recent failures counting towards them. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">登录限制</xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="l" select="limits"/>
    <h1>登录限制</h1>
    <xsl:if test="$l/@done"><p class="message ok" role="status">已解除。</p></xsl:if>
    <p class="meta">同一网络地址登录失败<xsl:value-of select="$l/@address-failures"/>次后，该地址暂停登录<xsl:value-of select="$l/@address-block-minutes"/>分钟。账号不会被锁定：同一账号失败<xsl:value-of select="$l/@account-free-failures"/>次后，再次尝试须等待一段时间（逐次加长），但从未在该账号上失败过的地址输入正确密码仍可登录。</p>
    <div class="table-scroll" role="region" aria-label="登录限制" tabindex="0">
    <table class="list">
      <caption>当前的限制与近一天的登录失败</caption>
      <thead><tr><th scope="col">类别</th><th scope="col">地址或用户名</th><th scope="col">连续失败</th><th scope="col">首次失败</th><th scope="col">最近失败</th><th scope="col">限制至</th><th scope="col">操作</th></tr></thead>
      <tbody>
        <xsl:for-each select="$l/limit">
          <tr>
            <td><xsl:choose><xsl:when test="@kind = 'address'">地址</xsl:when><xsl:otherwise>账号</xsl:otherwise></xsl:choose></td>
            <td><xsl:value-of select="@subject"/></td>
            <td><xsl:value-of select="@failures"/></td>
            <td><xsl:value-of select="@since"/></td>
            <td><xsl:value-of select="@last"/></td>
            <td><xsl:if test="@active = '1'"><strong class="warn"><xsl:choose><xsl:when test="@kind = 'address'">暂停登录至</xsl:when><xsl:otherwise>须等待至</xsl:otherwise></xsl:choose> <xsl:value-of select="@until"/></strong></xsl:if></td>
            <td>
              <form method="post" action="{$admin}login-limits" class="inline">
                <xsl:call-template name="csrf"/>
                <input type="hidden" name="kind" value="{@kind}"/>
                <input type="hidden" name="subject" value="{@subject}"/>
                <button type="submit" class="secondary"><xsl:choose><xsl:when test="@active = '1'">解除</xsl:when><xsl:otherwise>清零</xsl:otherwise></xsl:choose></button>
              </form>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    </div>
    <xsl:if test="not($l/limit)"><p class="empty">近一天没有登录失败。</p></xsl:if>
  </xsl:template>
</xsl:stylesheet>
