<?xml version="1.0" encoding="UTF-8"?>
<!-- A notice: the metadata block, the title, the body, the category's items (the body refers to
     them as the table below), the attachments, and the notices before and after it in its
     column. On a narrow screen both tables put each label above its value (xxgk.css). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:variable name="n" select="/page/notice"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="notice/@title"/></xsl:template>
  <xsl:template match="page" mode="column-name"><xsl:value-of select="notice/path/step[last()]/@name"/></xsl:template>
  <xsl:template match="page" mode="column-description">
    <xsl:value-of select="concat(catalog/@jurisdiction, catalog/@scope, '政府信息·')"/>
    <xsl:call-template name="path-names"><xsl:with-param name="sep" select="' › '"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="page" mode="column-keywords">
    <xsl:call-template name="path-names"><xsl:with-param name="sep" select="'，'"/></xsl:call-template>
    <xsl:value-of select="concat('，', catalog/@jurisdiction, '，', catalog/@scope)"/>
  </xsl:template>
  <!-- The article's tags: its time to the minute, its source and author the issuing body (a
       body's document has no personal author), its keywords the columns it is filed under and the
       body, its description the opening of its text. -->
  <xsl:template match="page" mode="meta">
    <meta name="ArticleTitle" content="{$n/@title}"/>
    <meta name="PubDate" content="{concat(substring($n/@published-at, 1, 10), ' ', substring($n/@published-at, 12, 5))}"/>
    <meta name="ContentSource" content="{$n/@issuer}"/>
    <meta name="Keywords">
      <xsl:attribute name="content">
        <xsl:call-template name="path-names"><xsl:with-param name="sep" select="'，'"/></xsl:call-template>
        <xsl:value-of select="concat('，', $n/@issuer)"/>
      </xsl:attribute>
    </meta>
    <meta name="Author" content="{$n/@issuer}"/>
    <meta name="Description">
      <xsl:attribute name="content">
        <xsl:variable name="text">
          <xsl:choose>
            <xsl:when test="$n/body/p"><xsl:value-of select="normalize-space($n/body/p[1])"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$n/@title"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="substring($text, 1, 120)"/>
        <xsl:if test="string-length($text) > 120">…</xsl:if>
      </xsl:attribute>
    </meta>
  </xsl:template>
  <xsl:template match="page" mode="head">
    <link rel="alternate" type="application/atom+xml" title="{$n/path/step[last()]/@name}"
          href="{$base}c/{$n/path/step[last()]/@code}/feed.atom"/>
  </xsl:template>

  <xsl:template name="path-names">
    <xsl:param name="sep"/>
    <xsl:for-each select="$n/path/step">
      <xsl:if test="position() > 1"><xsl:value-of select="$sep"/></xsl:if><xsl:value-of select="@name"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <nav class="breadcrumb" aria-label="当前位置">
      <a href="{$base}">首页</a>
      <xsl:for-each select="$n/path/step">
        <xsl:text> › </xsl:text><a href="{$base}c/{@code}"><xsl:value-of select="@name"/></a>
      </xsl:for-each>
    </nav>
    <article>
      <table class="meta-block">
        <caption class="visually-hidden">信息属性</caption>
        <tbody>
          <tr>
            <th scope="row">索引号</th><td><xsl:value-of select="$n/@index-no"/></td>
            <th scope="row">主题分类</th><td><xsl:value-of select="$n/@subject"/></td>
          </tr>
          <tr>
            <th scope="row">发布机构</th><td><xsl:value-of select="$n/@issuer"/></td>
            <th scope="row">成文日期</th><td><xsl:value-of select="$n/@formed-on"/></td>
          </tr>
          <tr>
            <th scope="row">发文字号</th><td><xsl:value-of select="$n/@doc-number"/></td>
            <th scope="row">发布日期</th><td><xsl:value-of select="$n/@published-on"/></td>
          </tr>
          <tr>
            <th scope="row">名称</th><td><xsl:value-of select="$n/@title"/></td>
            <th scope="row">公文时效</th><td><xsl:value-of select="$n/@validity"/></td>
          </tr>
        </tbody>
      </table>
      <h1><xsl:value-of select="$n/@title"/></h1>
      <div class="body">
        <xsl:for-each select="$n/body/p"><p><xsl:value-of select="."/></p></xsl:for-each>
      </div>
      <xsl:if test="$n/items/item">
        <table class="items">
          <caption>公开内容</caption>
          <tbody>
            <xsl:for-each select="$n/items/item">
              <tr>
                <th scope="row"><xsl:call-template name="label"><xsl:with-param name="text" select="@label"/></xsl:call-template></th>
                <td><xsl:value-of select="."/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <xsl:if test="$n/attachments/attachment">
        <section class="attachments" aria-labelledby="att">
          <h2 id="att">附件（<xsl:value-of select="count($n/attachments/attachment)"/>个）</h2>
          <ul>
            <xsl:for-each select="$n/attachments/attachment">
              <li><a href="{$base}a/{@id}"><xsl:value-of select="@filename"/></a>
                <span class="meta">（<xsl:call-template name="kind"/>，<xsl:call-template name="size"/>）</span></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
      <!-- No script on the pages (the security suite holds them to none): the browser's own 打印
           prints the notice through the print rules of xxgk.css. -->
      <p class="article-tools">打印本页：请使用浏览器的“打印”功能，打印时不含导航和栏目列表。</p>
    </article>
    <xsl:if test="$n/neighbour">
      <nav class="neighbours" aria-label="同栏目的前后信息">
        <ul>
          <xsl:for-each select="$n/neighbour[@side = 'older']">
            <li><span class="neighbour-label">上一篇：</span><a rel="prev" href="{$base}n/{@id}"><xsl:value-of select="@title"/></a>
              <time datetime="{@date}"><xsl:value-of select="@date"/></time></li>
          </xsl:for-each>
          <xsl:for-each select="$n/neighbour[@side = 'newer']">
            <li><span class="neighbour-label">下一篇：</span><a rel="next" href="{$base}n/{@id}"><xsl:value-of select="@title"/></a>
              <time datetime="{@date}"><xsl:value-of select="@date"/></time></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- What a reader needs to open an attachment: its kind, from the type stored from its bytes. -->
  <xsl:template name="kind">
    <xsl:choose>
      <xsl:when test="@mime = 'application/pdf'">PDF文档</xsl:when>
      <xsl:when test="@mime = 'application/ofd'">OFD文档</xsl:when>
      <xsl:when test="@mime = 'application/msword' or contains(@mime, 'wordprocessingml')">Word文档</xsl:when>
      <xsl:when test="@mime = 'application/vnd.ms-excel' or contains(@mime, 'spreadsheetml')">Excel表格</xsl:when>
      <xsl:when test="@mime = 'image/jpeg'">JPEG图片</xsl:when>
      <xsl:when test="@mime = 'image/png'">PNG图片</xsl:when>
      <xsl:when test="@mime = 'application/zip'">压缩文件</xsl:when>
      <xsl:otherwise>文件</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An attachment's size in the unit a reader expects. -->
  <xsl:template name="size">
    <xsl:choose>
      <xsl:when test="@size >= 1048576"><xsl:value-of select="format-number(@size div 1048576, '0.0')"/> MB</xsl:when>
      <xsl:when test="@size >= 1024"><xsl:value-of select="format-number(@size div 1024, '0')"/> KB</xsl:when>
      <xsl:otherwise><xsl:value-of select="@size"/> 字节</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
