<?xml version="1.0" encoding="UTF-8"?>
<!-- What the column pages and the catalog page say alike about a category's disclosure, from the
     catalog (xslt/catalogs/README.md): its time limit, channels and content items. A category
     without an attribute takes its nearest ancestor's, the catalog's for the defaults; the
     callers pass what they found, and the catalog's time limits and channels as $limits, $channels. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The time limit: days, from when, and whence the number (the document, or the national rule
       where the document lost it). $show: "brief" (a table cell), "column" (also the document's
       defects and its statutory exception), "rule" (also the document's words). -->
  <xsl:template name="time-limit">
    <xsl:param name="days"/>
    <xsl:param name="limits"/>
    <xsl:param name="show" select="'column'"/>
    <!-- "some": the category holds licensing or penalty decisions among other information. -->
    <xsl:param name="decisions" select="''"/>
    <xsl:variable name="lp" select="$limits/time-limit[@kind = 'licensing-penalty']"/>
    <xsl:variable name="rule" select="$lp[string($days) != '' and @days = $days] | $limits/time-limit[@kind = 'general'][string($days) = '']"/>
    <span class="limit">
      <xsl:choose>
        <xsl:when test="string($days) != ''"><xsl:value-of select="$days"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$rule/@days"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>个工作日</xsl:text>
    </span>
    <xsl:choose>
      <xsl:when test="$rule/@kind = 'licensing-penalty'">，自作出行政许可、行政处罚决定之日起</xsl:when>
      <xsl:otherwise>，自信息形成或变更之日起</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$decisions = 'some' and string($days) = ''">
      <span class="limit-decisions">；其中行政许可、行政处罚决定<span class="limit"><xsl:value-of select="$lp/@days"/>个工作日</span>，自作出决定之日起</span>
    </xsl:if>
    <span class="limit-source">
      <xsl:choose>
        <xsl:when test="$rule/@source = 'national'">（按国家规定）</xsl:when>
        <xsl:when test="$rule/@source = 'seed'">（方案规定）</xsl:when>
        <xsl:otherwise>（本类信息的时限）</xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:if test="$show != 'brief'">
      <xsl:for-each select="$rule/remark">
        <span class="remark"><xsl:value-of select="."/></span>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="$show = 'rule'">
      <xsl:for-each select="$rule/note">
        <span class="quote">原文：<xsl:value-of select="."/></span>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="$show = 'column' and $limits/time-limit[@kind = 'statutory']">
      <span class="statutory">法律法规另有规定的，从其规定</span>
    </xsl:if>
  </xsl:template>

  <!-- The channels of a space-separated list of names, each as the catalog describes it. -->
  <xsl:template name="channel-list">
    <xsl:param name="list"/>
    <xsl:param name="channels"/>
    <ul class="channel-list">
      <xsl:call-template name="channel-items">
        <xsl:with-param name="rest" select="normalize-space($list)"/>
        <xsl:with-param name="channels" select="$channels"/>
      </xsl:call-template>
    </ul>
  </xsl:template>

  <xsl:template name="channel-items">
    <xsl:param name="rest"/>
    <xsl:param name="channels"/>
    <xsl:if test="$rest != ''">
      <xsl:variable name="name" select="substring-before(concat($rest, ' '), ' ')"/>
      <xsl:variable name="c" select="$channels/channel[@name = $name]"/>
      <li>
        <xsl:choose>
          <xsl:when test="starts-with($c/@url, 'https://')"><a href="{$c/@url}"><xsl:value-of select="$name"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$c/@pushed = 'yes'"><span class="pushed">（推送）</span></xsl:if>
        <xsl:if test="$c/@source-note"><span class="source-note">（<xsl:value-of select="$c/@source-note"/>）</span></xsl:if>
      </li>
      <xsl:call-template name="channel-items">
        <xsl:with-param name="rest" select="substring-after($rest, ' ')"/>
        <xsl:with-param name="channels" select="$channels"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Content items in the document's order: items it lists under a label are shown under that
       label, an item it counts within another (暂估价 in 中标价) under that item, an item it
       requires only in some case with the case; where they are published at different stages, the
       publications (a notice gives the items of its own). -->
  <xsl:template name="item-list">
    <xsl:param name="items"/>
    <ol class="item-list">
      <xsl:for-each select="$items[not(@part-of)][not(@group) or not(preceding-sibling::item[1]/@group = @group)]">
        <xsl:choose>
          <xsl:when test="@group">
            <li class="item-group">
              <span class="group-label"><xsl:value-of select="@group"/></span>
              <ul>
                <xsl:apply-templates select=". | following-sibling::item[@group = current()/@group][not(@part-of)]" mode="item"/>
              </ul>
            </li>
          </xsl:when>
          <xsl:otherwise><xsl:apply-templates select="." mode="item"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </ol>
    <xsl:variable name="pubs" select="$items[@publication][not(@publication = preceding-sibling::item/@publication)]"/>
    <xsl:if test="$pubs">
      <p class="publications">
        <xsl:text>分别公开：</xsl:text>
        <xsl:for-each select="$pubs">
          <xsl:if test="position() &gt; 1">；</xsl:if>
          <xsl:value-of select="@publication"/>
          <xsl:variable name="with" select="$items[@publication = current()/@publication]"/>
          <xsl:if test="count($with) &gt; 1 or $with != @publication">
            <xsl:text>（</xsl:text>
            <xsl:for-each select="$with"><xsl:if test="position() &gt; 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>
            <xsl:text>）</xsl:text>
          </xsl:if>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="item" mode="item">
    <li>
      <xsl:value-of select="."/>
      <xsl:if test="@condition and not(contains(., @condition))"><span class="condition">（<xsl:value-of select="@condition"/>）</span></xsl:if>
      <xsl:variable name="parts" select="../item[@part-of = current()/@code]"/>
      <xsl:if test="$parts">
        <ul>
          <xsl:for-each select="$parts"><li>其中：<xsl:value-of select="."/></li></xsl:for-each>
        </ul>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template name="remark-label">
    <xsl:choose>
      <xsl:when test="@kind = 'lost-digits'">原文缺字</xsl:when>
      <xsl:when test="@kind = 'contradiction'">原文前后不一</xsl:when>
      <xsl:otherwise>目录说明</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
