<?xml version="1.0" encoding="UTF-8"?>
<!-- The catalog itself (/xxgk/{site}/catalog): every domain, category and content item with its
     time limit, manner, channels and units, as the site's document prescribes; printable. The
     document's rules for the whole catalog come first, then a table per domain. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_catalog.xsl"/>
  <xsl:variable name="cat" select="/page/directory/catalog"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="$cat/@name"/></xsl:template>
  <xsl:template match="page" mode="column-name"><xsl:value-of select="$cat/@name"/></xsl:template>
  <xsl:template match="page" mode="column-description">
    <xsl:value-of select="concat($cat/@jurisdiction, $cat/@name, '：按《', $cat/@source, '》列出各类信息的公开内容、时限、方式、渠道和责任单位')"/>
  </xsl:template>
  <xsl:template match="page" mode="column-keywords">
    <xsl:value-of select="concat($cat/@name, '，', $cat/@jurisdiction, '，', $cat/@scope, '，主动公开')"/>
  </xsl:template>
  <xsl:template match="page" mode="head">
    <link rel="stylesheet" href="{$static}/catalog.css"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="$cat/@name"/></h1>
    <p class="lead">
      <xsl:value-of select="$cat/@jurisdiction"/> · 依据《<xsl:value-of select="$cat/@source"/>》<xsl:if test="$cat/@document-number">（<xsl:value-of select="$cat/@document-number"/>）</xsl:if>
    </p>
    <nav class="catalog-index" aria-label="目录索引">
      <ol>
        <li><a href="#general">通用规定</a></li>
        <xsl:for-each select="$cat/domain">
          <li><a href="#{@code}"><xsl:value-of select="@name"/></a></li>
        </xsl:for-each>
      </ol>
    </nav>
    <xsl:apply-templates select="$cat" mode="general"/>
    <xsl:apply-templates select="$cat/domain"/>
  </xsl:template>

  <!-- What the document says once for every domain. -->
  <xsl:template match="catalog" mode="general">
    <section id="general" class="catalog-general" aria-labelledby="h-general">
      <h2 id="h-general">通用规定</h2>
      <dl class="column-facts">
        <dt>公开时限</dt>
        <dd>
          <ul class="limits">
            <li>
              <xsl:call-template name="time-limit">
                <xsl:with-param name="days" select="''"/>
                <xsl:with-param name="limits" select="time-limits"/>
                <xsl:with-param name="show" select="'rule'"/>
              </xsl:call-template>
            </li>
            <li>
              <xsl:call-template name="time-limit">
                <xsl:with-param name="days" select="string(time-limits/time-limit[@kind = 'licensing-penalty']/@days)"/>
                <xsl:with-param name="limits" select="time-limits"/>
                <xsl:with-param name="show" select="'rule'"/>
              </xsl:call-template>
            </li>
            <xsl:for-each select="time-limits/time-limit[@kind = 'statutory']">
              <li>法律法规另有规定的，从其规定<span class="quote">原文：<xsl:value-of select="note"/></span></li>
            </xsl:for-each>
          </ul>
        </dd>
        <dt>公开方式</dt><dd><xsl:value-of select="@manner"/></dd>
        <dt>公开对象</dt><dd><xsl:value-of select="@audience"/></dd>
        <dt>公开依据</dt><dd><xsl:value-of select="@basis"/></dd>
        <dt>监督渠道</dt><dd><xsl:value-of select="@supervision"/></dd>
      </dl>
      <h3>公开渠道</h3>
      <ul class="channel-list">
        <xsl:for-each select="channels/channel[@kind != 'credit']">
          <li><xsl:apply-templates select="." mode="describe"/></li>
        </xsl:for-each>
      </ul>
      <xsl:apply-templates select="note[@topic = 'channels']"/>
      <h3>信用信息</h3>
      <ul class="channel-list">
        <xsl:for-each select="channels/channel[@kind = 'credit']">
          <li><xsl:apply-templates select="." mode="describe"/></li>
        </xsl:for-each>
      </ul>
      <xsl:apply-templates select="note[@topic = 'credit']"/>
      <xsl:if test="note[@topic = 'subjects']">
        <h3>公开主体</h3>
        <xsl:apply-templates select="note[@topic = 'subjects']"/>
      </xsl:if>
      <xsl:if test="note[@topic = 'catalog']">
        <h3>目录管理</h3>
        <xsl:apply-templates select="note[@topic = 'catalog']"/>
      </xsl:if>
      <xsl:apply-templates select="remark"/>
    </section>
  </xsl:template>

  <xsl:template match="channel" mode="describe">
    <xsl:choose>
      <xsl:when test="starts-with(@url, 'https://')"><a href="{@url}"><xsl:value-of select="@name"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="@pushed = 'yes'">：信息推送至此公开</xsl:when>
      <xsl:otherwise>：直接发布</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@source-note">；<xsl:value-of select="@source-note"/></xsl:if>
  </xsl:template>

  <xsl:template match="note">
    <blockquote class="quote">
      <p><xsl:value-of select="."/></p>
      <xsl:if test="@clause"><footer>——方案<xsl:value-of select="@clause"/></footer></xsl:if>
    </blockquote>
  </xsl:template>

  <xsl:template match="remark">
    <p class="remark"><strong><xsl:call-template name="remark-label"/>：</strong><xsl:value-of select="."/></p>
  </xsl:template>

  <!-- A domain: its units and the document's words, then one row per category at any depth. -->
  <xsl:template match="domain">
    <section class="catalog-domain" id="{@code}" aria-labelledby="h-{@code}">
      <h2 id="h-{@code}"><a href="{$base}c/{@code}"><xsl:value-of select="@name"/></a></h2>
      <xsl:if test="@lead or @responsible or @body or @work-deadline">
        <dl class="column-facts">
          <xsl:if test="@lead"><dt>牵头单位</dt><dd><xsl:value-of select="@lead"/></dd></xsl:if>
          <xsl:if test="@responsible"><dt>责任单位</dt><dd><xsl:value-of select="@responsible"/></dd></xsl:if>
          <xsl:if test="@body"><dt>公开主体</dt><dd><xsl:value-of select="@body"/></dd></xsl:if>
          <xsl:if test="@work-deadline"><dt>工作完成时限</dt><dd><xsl:value-of select="@work-deadline"/>（方案对本领域工作的要求）</dd></xsl:if>
        </dl>
      </xsl:if>
      <xsl:if test="note"><p class="note"><xsl:value-of select="note"/></p></xsl:if>
      <xsl:apply-templates select="remark"/>
      <table class="catalog-table">
        <caption class="visually-hidden"><xsl:value-of select="@name"/>：公开事项</caption>
        <thead>
          <tr>
            <th scope="col">信息类别</th>
            <th scope="col">公开内容</th>
            <th scope="col">公开时限</th>
            <th scope="col">公开方式与渠道</th>
            <th scope="col">责任主体</th>
          </tr>
        </thead>
        <tbody>
          <xsl:apply-templates select=".//category" mode="row"/>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <xsl:template match="category" mode="row">
    <xsl:variable name="units" select="ancestor-or-self::category[@lead or @responsible or @body][1]"/>
    <tr id="{@code}" class="level-{count(ancestor::category) + 1}">
      <th scope="row" data-label="信息类别">
        <span class="path"><xsl:for-each select="ancestor::category"><xsl:value-of select="@name"/> › </xsl:for-each></span>
        <xsl:call-template name="label"><xsl:with-param name="text" select="@label"/></xsl:call-template>
        <xsl:if test="@row"><span class="row-no">（附件<xsl:value-of select="@appendix"/>第<xsl:value-of select="@row"/>项）</span></xsl:if>
        <xsl:if test="note"><span class="note"><xsl:value-of select="note"/></span></xsl:if>
        <xsl:for-each select="remark">
          <span class="remark"><xsl:call-template name="remark-label"/>：<xsl:value-of select="."/></span>
        </xsl:for-each>
      </th>
      <td data-label="公开内容">
        <xsl:choose>
          <xsl:when test="item"><xsl:call-template name="item-list"><xsl:with-param name="items" select="item"/></xsl:call-template></xsl:when>
          <xsl:when test="category">见下级类别</xsl:when>
          <xsl:otherwise>方案未列具体内容</xsl:otherwise>
        </xsl:choose>
      </td>
      <td data-label="公开时限">
        <xsl:call-template name="time-limit">
          <xsl:with-param name="days" select="string((ancestor-or-self::*/@limit-days)[last()])"/>
          <xsl:with-param name="limits" select="$cat/time-limits"/>
          <xsl:with-param name="decisions" select="string((ancestor-or-self::*/@decisions)[last()])"/>
          <xsl:with-param name="show" select="'brief'"/>
        </xsl:call-template>
      </td>
      <td data-label="公开方式与渠道">
        <xsl:value-of select="(ancestor-or-self::*/@manner)[last()]"/>
        <xsl:call-template name="channel-list">
          <xsl:with-param name="list" select="(ancestor-or-self::*/@channels)[last()]"/>
          <xsl:with-param name="channels" select="$cat/channels"/>
        </xsl:call-template>
      </td>
      <td data-label="责任主体">
        <xsl:choose>
          <xsl:when test="$units">
            <xsl:if test="$units/@lead">牵头单位：<xsl:value-of select="$units/@lead"/><br/></xsl:if>
            <xsl:if test="$units/@responsible">责任单位：<xsl:value-of select="$units/@responsible"/><br/></xsl:if>
            <xsl:if test="$units/@body">公开主体：<xsl:value-of select="$units/@body"/></xsl:if>
          </xsl:when>
          <xsl:otherwise>见本领域</xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
