<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_catalog.xsl"/>
  <!-- The column's own attributes and its ancestors' arrive on the path's steps (domain first,
       the column last), the catalog's defaults on /page/catalog: the nearest one holds. -->
  <xsl:variable name="col" select="/page/column"/>
  <xsl:variable name="steps" select="$col/path/step"/>
  <xsl:variable name="defaults" select="/page/catalog"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="column/@name"/></xsl:template>
  <xsl:template match="page" mode="column-name"><xsl:value-of select="column/@name"/></xsl:template>
  <xsl:template match="page" mode="column-description">
    <xsl:value-of select="concat($defaults/@jurisdiction, $defaults/@scope, '政府信息·')"/>
    <xsl:for-each select="$steps">
      <xsl:if test="position() > 1"> › </xsl:if><xsl:value-of select="@name"/>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="$col/sub">
        <xsl:text>：包括</xsl:text>
        <xsl:for-each select="$col/sub"><xsl:if test="position() > 1">、</xsl:if><xsl:value-of select="@name"/></xsl:for-each>
        <xsl:text>。</xsl:text>
      </xsl:when>
      <xsl:when test="$col/item">
        <xsl:text>：公开</xsl:text>
        <xsl:for-each select="$col/item"><xsl:if test="position() > 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>
        <xsl:text>。</xsl:text>
      </xsl:when>
      <xsl:otherwise>。</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="page" mode="column-keywords">
    <xsl:for-each select="$steps"><xsl:value-of select="@name"/>，</xsl:for-each>
    <xsl:value-of select="concat($defaults/@jurisdiction, '，', $defaults/@scope, '，政府信息公开')"/>
  </xsl:template>
  <xsl:template match="page" mode="head">
    <link rel="stylesheet" href="{$static}/catalog.css"/>
    <link rel="alternate" type="application/atom+xml" title="{column/@name}" href="{$base}c/{column/@code}/feed.atom"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <nav class="breadcrumb" aria-label="当前位置">
      <a href="{$base}">首页</a>
      <xsl:for-each select="$steps">
        <xsl:text> › </xsl:text>
        <xsl:choose>
          <xsl:when test="position() = last()"><span aria-current="page"><xsl:value-of select="@name"/></span></xsl:when>
          <xsl:otherwise><a href="{$base}c/{@code}"><xsl:value-of select="@name"/></a></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </nav>
    <h1><xsl:value-of select="$col/@name"/></h1>
    <xsl:call-template name="facts"/>
    <xsl:if test="$col/sub">
      <nav class="subcolumns" aria-label="下级栏目">
        <ul>
          <xsl:for-each select="$col/sub">
            <li><a href="{$base}c/{@code}"><xsl:value-of select="@name"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
    <xsl:if test="$col/item">
      <details class="required-items">
        <summary>本类信息应公开的内容（<xsl:value-of select="count($col/item)"/>项）</summary>
        <xsl:call-template name="item-list"><xsl:with-param name="items" select="$col/item"/></xsl:call-template>
      </details>
    </xsl:if>
    <xsl:if test="$col/note">
      <p class="note"><xsl:value-of select="$col/note"/></p>
    </xsl:if>
    <xsl:for-each select="$col/remark">
      <p class="remark"><strong><xsl:call-template name="remark-label"/>：</strong><xsl:value-of select="."/></p>
    </xsl:for-each>
    <h2>信息列表</h2>
    <xsl:apply-templates select="notices"/>
    <xsl:apply-templates select="paging">
      <xsl:with-param name="url" select="concat($base, 'c/', $col/@code)"/>
    </xsl:apply-templates>
    <xsl:call-template name="feed-link">
      <xsl:with-param name="href" select="concat($base, 'c/', $col/@code, '/feed.atom')"/>
      <xsl:with-param name="label" select="concat('订阅“', $col/@name, '”栏目的更新')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Time limit, manner, channels, units and supervision: every column has them, its own or
       inherited. -->
  <xsl:template name="facts">
    <xsl:variable name="lead" select="($steps/@lead)[last()]"/>
    <xsl:variable name="responsible" select="($steps/@responsible)[last()]"/>
    <xsl:variable name="body" select="($steps/@body)[last()]"/>
    <xsl:variable name="deadline" select="($steps/@work-deadline)[last()]"/>
    <dl class="column-facts">
      <xsl:if test="$col/@row"><dt>目录序号</dt><dd>附件<xsl:value-of select="$col/@appendix"/> 第<xsl:value-of select="$col/@row"/>项</dd></xsl:if>
      <dt>公开时限</dt>
      <dd>
        <xsl:call-template name="time-limit">
          <xsl:with-param name="days" select="string(($steps/@limit-days)[last()])"/>
          <xsl:with-param name="limits" select="$defaults/time-limits"/>
          <xsl:with-param name="decisions" select="string(($steps/@decisions)[last()])"/>
        </xsl:call-template>
      </dd>
      <dt>公开方式</dt><dd><xsl:value-of select="($defaults/@manner | $steps/@manner)[last()]"/></dd>
      <dt>公开渠道</dt>
      <dd>
        <xsl:call-template name="channel-list">
          <xsl:with-param name="list" select="($defaults/@channels | $steps/@channels)[last()]"/>
          <xsl:with-param name="channels" select="$defaults/channels"/>
        </xsl:call-template>
      </dd>
      <dt>公开对象</dt><dd><xsl:value-of select="($defaults/@audience | $steps/@audience)[last()]"/></dd>
      <xsl:if test="$lead"><dt>牵头单位</dt><dd><xsl:value-of select="$lead"/></dd></xsl:if>
      <xsl:if test="$responsible"><dt>责任单位</dt><dd><xsl:value-of select="$responsible"/></dd></xsl:if>
      <xsl:if test="$body"><dt>公开主体</dt><dd><xsl:value-of select="$body"/></dd></xsl:if>
      <dt>监督渠道</dt><dd><xsl:value-of select="($defaults/@supervision | $steps/@supervision)[last()]"/></dd>
      <dt>公开依据</dt><dd><xsl:value-of select="($defaults/@basis | $steps/@basis)[last()]"/></dd>
      <xsl:if test="$deadline"><dt>工作完成时限</dt><dd><xsl:value-of select="$deadline"/>（方案对本领域工作的要求）</dd></xsl:if>
    </dl>
    <p class="catalog-link"><a href="{$base}catalog#{$steps[1]/@code}">在公开目录清单中查看本领域</a></p>
  </xsl:template>
</xsl:stylesheet>
