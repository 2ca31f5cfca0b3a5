<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:template match="page" mode="title"><xsl:value-of select="notice/@title"/></xsl:template>
  <xsl:template match="page" mode="meta">
    <meta name="ColumnName" content="{notice/path/step[last()]/@name}"/>
    <meta name="ArticleTitle" content="{notice/@title}"/>
    <meta name="PubDate" content="{notice/@published-on}"/>
    <meta name="ContentSource" content="{notice/@issuer}"/>
    <meta name="Keywords" content="{notice/@subject}"/>
  </xsl:template>
  <xsl:template match="page" mode="main">
    <xsl:variable name="n" select="notice"/>
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
      <xsl:if test="$n/items/item">
        <table class="items">
          <caption>公开内容</caption>
          <tbody>
            <xsl:for-each select="$n/items/item">
              <tr><th scope="row"><xsl:value-of select="@label"/></th><td><xsl:value-of select="."/></td></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <div class="body">
        <xsl:for-each select="$n/body/p"><p><xsl:value-of select="."/></p></xsl:for-each>
      </div>
      <xsl:if test="$n/attachments/attachment">
        <section class="attachments" aria-labelledby="att">
          <h2 id="att">附件</h2>
          <ul>
            <xsl:for-each select="$n/attachments/attachment">
              <li><a href="{$base}a/{@id}"><xsl:value-of select="@filename"/></a>
                <span class="meta">（<xsl:value-of select="format-number(@size div 1024, '0.0')"/> KB）</span></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
    </article>
  </xsl:template>

</xsl:stylesheet>
