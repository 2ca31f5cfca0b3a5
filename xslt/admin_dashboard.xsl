<?xml version="1.0" encoding="UTF-8"?>
<!-- The staff dashboard: figures and SVG bar charts drawn here (no script), each chart with a
     text alternative (a title, a description, and the same figures as a table). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:svg="http://www.w3.org/2000/svg" exclude-result-prefixes="svg">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">工作台</xsl:template>
  <xsl:template match="page" mode="console">
    <h1>工作台</h1>
    <xsl:variable name="d" select="dashboard"/>
    <xsl:for-each select="$d/gaps[@empty &gt; 0 or @waiting-pushes &gt; 0]">
      <section aria-labelledby="gaps-h" class="gaps">
        <h2 id="gaps-h">待补齐</h2>
        <xsl:if test="@empty &gt; 0">
          <p><xsl:value-of select="@required"/>个应公开类别中，<strong><xsl:value-of select="@empty"/>个</strong>还没有发布任何信息：</p>
          <ul class="cp-gaps">
            <xsl:for-each select="category[position() &lt;= 20]">
              <li data-category="{@code}"><a href="{$admin}notices/new?category={@code}"><xsl:value-of select="@path"/></a></li>
            </xsl:for-each>
          </ul>
          <xsl:if test="count(category) &gt; 20"><p>另有<xsl:value-of select="count(category) - 20"/>个，见自查报告。</p></xsl:if>
        </xsl:if>
        <xsl:if test="@waiting-pushes &gt; 0">
          <p><strong><xsl:value-of select="@waiting-pushes"/>次</strong>推送尚未送达交易平台。</p>
        </xsl:if>
        <p><a href="{$admin}reports/compliance">本月公开情况自查报告</a></p>
      </section>
    </xsl:for-each>
    <ul class="figures">
      <li><span class="figure"><xsl:value-of select="$d/notices/@published"/></span> 条已公开</li>
      <li><a href="{$admin}notices?status=draft"><span class="figure"><xsl:value-of select="$d/notices/@draft"/></span> 条草稿</a></li>
      <li><a href="{$admin}notices?status=pending"><span class="figure"><xsl:value-of select="$d/notices/@pending"/></span> 条待审核</a></li>
      <li><span class="figure"><xsl:value-of select="$d/notices/@withdrawn"/></span> 条已撤回</li>
      <xsl:for-each select="$d/on-time">
        <li><a href="{$admin}reports/timeliness?month={@month}"><span class="figure"><xsl:choose><xsl:when test="@percent"><xsl:value-of select="@percent"/>%</xsl:when><xsl:otherwise>—</xsl:otherwise></xsl:choose></span>
          <xsl:value-of select="@month"/> 按时公开率（按时<xsl:value-of select="@on-time"/>、逾期<xsl:value-of select="@late + @overdue"/>）</a></li>
      </xsl:for-each>
      <xsl:for-each select="$d/requests">
        <li><span class="figure"><xsl:value-of select="@received"/></span> 件今年收到的申请</li>
        <li><span class="figure"><xsl:value-of select="@answered"/></span> 件今年已答复</li>
        <li><a href="{$admin}requests"><span class="figure"><xsl:value-of select="@open"/></span> 件申请办理中</a></li>
        <li><a href="{$admin}requests?flag=soon"><span class="figure"><xsl:value-of select="@soon"/></span> 件即将到期</a></li>
        <li><a href="{$admin}requests?flag=overdue"><span class="figure warn"><xsl:value-of select="@overdue"/></span> 件已逾期</a></li>
      </xsl:for-each>
    </ul>
    <section aria-labelledby="per-month">
      <h2 id="per-month">近12个月公开信息数</h2>
      <xsl:call-template name="bars">
        <xsl:with-param name="rows" select="$d/per-month/m"/>
        <xsl:with-param name="id" select="'chart-month'"/>
        <xsl:with-param name="title" select="'近12个月每月公开信息数'"/>
      </xsl:call-template>
    </section>
    <section aria-labelledby="per-domain">
      <h2 id="per-domain">各领域公开信息数</h2>
      <xsl:call-template name="bars">
        <xsl:with-param name="rows" select="$d/per-domain/d"/>
        <xsl:with-param name="id" select="'chart-domain'"/>
        <xsl:with-param name="title" select="'各领域公开信息数'"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- Horizontal bars: one row per item (label @month or @name, value @count), scaled to the
       largest value, followed by the same figures as a table for screen readers and print. -->
  <xsl:template name="bars">
    <xsl:param name="rows"/>
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:variable name="max">
      <xsl:for-each select="$rows/@count">
        <xsl:sort data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="scale" select="360 div ($max + number($max = 0))"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{$id}-t {$id}-d"
         viewBox="0 0 640 {count($rows) * 26 + 10}" width="100%">
      <title id="{$id}-t"><xsl:value-of select="$title"/></title>
      <desc id="{$id}-d">
        <xsl:for-each select="$rows"><xsl:value-of select="concat(@month, @name, '：', @count, '；')"/></xsl:for-each>
      </desc>
      <xsl:for-each select="$rows">
        <xsl:variable name="y" select="(position() - 1) * 26 + 5"/>
        <text x="0" y="{$y + 16}" class="chart-label"><xsl:value-of select="substring(concat(@month, @name), 1, 14)"/></text>
        <rect x="220" y="{$y + 3}" height="18" width="{@count * $scale}" class="chart-bar"/>
        <text x="{228 + @count * $scale}" y="{$y + 16}" class="chart-value"><xsl:value-of select="@count"/></text>
      </xsl:for-each>
    </svg>
    <details class="chart-data">
      <summary>查看数据表</summary>
      <table>
        <caption><xsl:value-of select="$title"/></caption>
        <thead><tr><th scope="col">项目</th><th scope="col">数量</th></tr></thead>
        <tbody>
          <xsl:for-each select="$rows">
            <tr><th scope="row"><xsl:value-of select="concat(@month, @name)"/></th><td><xsl:value-of select="@count"/></td></tr>
          </xsl:for-each>
        </tbody>
      </table>
    </details>
  </xsl:template>
</xsl:stylesheet>
