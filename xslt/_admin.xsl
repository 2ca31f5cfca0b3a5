<?xml version="1.0" encoding="UTF-8"?>
<!-- The staff console's own frame: no public header, search box, columns or CMS includes; the
     console's name, who is signed in, and its navigation (only what the user's role may open).
     Admin page stylesheets import this one and provide the "title" and "console" modes. The
     public frame is imported for its shared templates (lists, paging) only: the "/" template
     here wins over it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no" media-type="text/html"/>
  <xsl:variable name="admin" select="concat($base, 'admin/')"/>
  <xsl:variable name="csrf" select="/page/user/@csrf"/>
  <xsl:variable name="page" select="/page/@name"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex, nofollow"/>
        <title><xsl:apply-templates select="/page" mode="title"/> - 管理后台<xsl:if test="/page/site"> - <xsl:value-of select="/page/site/@name"/></xsl:if></title>
        <link rel="stylesheet" href="{$static}/xxgk.css"/>
        <xsl:if test="/page/user"><script src="{$static}/session.js" defer="defer"></script></xsl:if>
        <xsl:apply-templates select="/page" mode="head"/>
      </head>
      <body class="console">
        <a class="skip" href="#main">跳到主要内容</a>
        <header class="console-header">
          <div class="console-bar">
            <a class="console-name" href="{$admin}"><xsl:value-of select="/page/site/@name"/><span class="sub">政务公开管理后台</span></a>
            <xsl:if test="/page/user">
              <span class="who">
                <a href="{$admin}account"><xsl:value-of select="/page/user/@name"/></a>
                <xsl:text>（</xsl:text><xsl:apply-templates select="/page/user/@role" mode="label"/><xsl:text>）</xsl:text>
              </span>
              <form method="post" action="{$admin}logout" class="inline logout">
                <input type="hidden" name="csrf" value="{$csrf}"/>
                <button type="submit" class="link">退出</button>
              </form>
            </xsl:if>
          </div>
          <xsl:if test="/page/user">
            <nav class="console-nav" aria-label="管理功能">
              <xsl:call-template name="nav-link"><xsl:with-param name="href" select="''"/><xsl:with-param name="on" select="'admin-dashboard'"/><xsl:with-param name="text" select="'工作台'"/></xsl:call-template>
              <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'requests'"/><xsl:with-param name="on" select="'admin-requests admin-request admin-register admin-letter'"/><xsl:with-param name="text" select="'依申请公开'"/></xsl:call-template>
              <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'notices'"/><xsl:with-param name="on" select="'admin-notices admin-notice-edit admin-notice-versions'"/><xsl:with-param name="text" select="'公开信息'"/></xsl:call-template>
              <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'reports/timeliness'"/><xsl:with-param name="on" select="'report-timeliness admin-annual report-compliance'"/><xsl:with-param name="text" select="'报告'"/></xsl:call-template>
              <xsl:if test="/page/user/@role = 'admin'">
                <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'users'"/><xsl:with-param name="on" select="'admin-users admin-user'"/><xsl:with-param name="text" select="'账号'"/></xsl:call-template>
                <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'bodies'"/><xsl:with-param name="on" select="'admin-bodies'"/><xsl:with-param name="text" select="'机关'"/></xsl:call-template>
                <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'audit'"/><xsl:with-param name="on" select="'admin-audit'"/><xsl:with-param name="text" select="'操作日志'"/></xsl:call-template>
                <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'login-limits'"/><xsl:with-param name="on" select="'admin-login-limits'"/><xsl:with-param name="text" select="'登录限制'"/></xsl:call-template>
              </xsl:if>
            </nav>
          </xsl:if>
        </header>
        <main id="main" class="console-main" tabindex="-1">
          <xsl:choose>
            <!-- The annual report's table is as wide as the national template: on a phone it
                 scrolls in a region of its own, the page does not. -->
            <xsl:when test="$page = 'admin-annual'">
              <div class="table-scroll" role="region" aria-label="年度报告" tabindex="0">
                <xsl:apply-templates select="/page" mode="console"/>
              </div>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="/page" mode="console"/></xsl:otherwise>
          </xsl:choose>
        </main>
        <footer class="console-footer">
          <xsl:if test="/page/user">
            <p id="session-note" data-idle-minutes="{/page/user/@idle-minutes}" data-forms-seconds="{/page/user/@forms-seconds}" data-touch="{$admin}session" data-login="{$admin}login">连续<xsl:value-of select="/page/user/@idle-minutes"/>分钟没有操作将自动退出登录，未提交的内容不会保存。</p>
          </xsl:if>
          <xsl:if test="/page/site"><a href="{$base}">网站首页（公开页面）</a></xsl:if>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- A navigation link, marked as the current page when the page's name is one of on's. -->
  <xsl:template name="nav-link">
    <xsl:param name="href"/>
    <xsl:param name="on"/>
    <xsl:param name="text"/>
    <a href="{$admin}{$href}">
      <xsl:if test="contains(concat(' ', $on, ' '), concat(' ', $page, ' '))"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
      <xsl:value-of select="$text"/>
    </a>
  </xsl:template>

  <!-- Pages written for the public frame's "main" mode render in the console's. -->
  <xsl:template match="page" mode="console">
    <xsl:apply-templates select="." mode="main"/>
  </xsl:template>

  <!-- The fields an account has in the add and change forms (admin_users.xsl, admin_user.xsl):
       what was typed when a refusal shows the form again, else the account's own. -->
  <xsl:template name="account-fields">
    <xsl:param name="u" select="/.."/>
    <xsl:variable name="typed" select="/page/edit/value"/>
    <xsl:variable name="role" select="$typed[@name = 'role'] | $u[not($typed)]/@role"/>
    <p class="field">
      <label for="u-name">姓名</label>
      <input id="u-name" name="name" maxlength="100" value="{$typed[@name = 'name'] | $u[not($typed)]/@name}"/>
    </p>
    <p class="field">
      <label for="u-role">角色</label>
      <select id="u-role" name="role">
        <option value="staff">工作人员</option>
        <option value="approver"><xsl:if test="$role = 'approver'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>审核人</option>
        <option value="admin"><xsl:if test="$role = 'admin'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>管理员</option>
      </select>
    </p>
    <p class="field">
      <label for="u-email">电子邮箱（接收到期提醒）</label>
      <input id="u-email" name="email" type="email" maxlength="254" value="{$typed[@name = 'email'] | $u[not($typed)]/@email}"/>
    </p>
    <fieldset class="field">
      <legend>负责机构（工作人员只办理所负责机构的申请）</legend>
      <xsl:for-each select="/page/bodies/body">
        <p class="check">
          <input type="checkbox" name="body" value="{.}" id="u-body-{position()}">
            <xsl:if test="($typed and $typed[@name = 'body'] = current()) or (not($typed) and @served)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="u-body-{position()}"><xsl:value-of select="."/></label>
        </p>
      </xsl:for-each>
    </fieldset>
  </xsl:template>

  <!-- The hidden CSRF field every console form carries. -->
  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{$csrf}"/>
  </xsl:template>

  <xsl:template match="message">
    <p class="message {@kind}" role="status"><xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="edit/error | account/error">
    <div class="form-error" role="alert"><p><xsl:value-of select="."/></p></div>
  </xsl:template>
</xsl:stylesheet>
