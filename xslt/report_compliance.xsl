<?xml version="1.0" encoding="UTF-8"?>
<!-- The compliance report of a site or a disclosing body for a month, quarter, half-year or year
     (fcgi/notices/compliance.c builds /page/compliance: totals, the required categories, the
     notices lacking items, the late and overdue notices, the pushes not delivered). The gaps come
     first: the categories with nothing published in the period. Printable; status in words.
     Used by `xxgkctl report compliance` (HTML) and by the staff page admin/reports/compliance. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>

  <xsl:variable name="c" select="/page/compliance"/>
  <xsl:variable name="scope">
    <xsl:value-of select="/page/site/@name"/>
    <xsl:if test="$c/@body">（<xsl:value-of select="$c/@body"/>）</xsl:if>
  </xsl:variable>

  <xsl:template match="page" mode="title">公开情况自查报告（<xsl:value-of select="$c/@zh"/>）</xsl:template>

  <xsl:template match="page" mode="main">
    <article class="tl-report compliance">
      <h1>公开情况自查报告（<xsl:value-of select="$c/@zh"/>）</h1>
      <p class="lead">
        <xsl:value-of select="$scope"/>
        <xsl:text>。统计期间 </xsl:text>
        <time datetime="{$c/@first}"><xsl:value-of select="$c/@first"/></time>
        <xsl:text> 至 </xsl:text>
        <time datetime="{$c/@last}"><xsl:value-of select="$c/@last"/></time>
        <xsl:text>，按 </xsl:text>
        <time datetime="{$c/@today}"><xsl:value-of select="$c/@today"/></time>
        <xsl:text> 的情况判断。</xsl:text>
      </p>
      <p class="note">应公开类别：本站目录中没有下级类别、公开方式为主动公开的信息类别<xsl:if test="$c/@body">中，该机构发布过信息的类别</xsl:if>。逾期按应公开日期所在月份统计（形成或变更之日起20个工作日，行政许可、行政处罚决定7个工作日）。</p>
      <xsl:if test="not($c/@body) and /page/bodies/body">
        <form method="get" class="report-filter">
          <input type="hidden" name="period" value="{$c/@period}"/>
          <label for="cp-body">发布机构</label>
          <select id="cp-body" name="body">
            <option value="">全部</option>
            <xsl:for-each select="/page/bodies/body"><option><xsl:value-of select="."/></option></xsl:for-each>
          </select>
          <button type="submit" class="secondary">查看</button>
        </form>
      </xsl:if>

      <section aria-labelledby="cp-summary">
        <h2 id="cp-summary">总体情况</h2>
        <dl class="tl-summary">
          <dt>应公开类别</dt><dd><xsl:value-of select="$c/totals/@categories"/>个</dd>
          <dt>本期无信息的类别</dt><dd><xsl:value-of select="$c/totals/@empty"/>个</dd>
          <dt>本期发布信息</dt><dd><xsl:value-of select="$c/totals/@published"/>条</dd>
          <dt>缺少必填内容项</dt><dd><xsl:value-of select="$c/totals/@incomplete"/>条</dd>
          <dt>逾期公开</dt><dd><xsl:value-of select="$c/totals/@late"/>条</dd>
          <dt>逾期未公开</dt><dd><xsl:value-of select="$c/totals/@overdue"/>条</dd>
          <dt>推送至交易平台</dt><dd>已送达<xsl:value-of select="$c/totals/@pushes-sent"/>次，未送达<xsl:value-of select="$c/totals/@pushes-waiting"/>次</dd>
        </dl>
      </section>

      <section aria-labelledby="cp-empty">
        <h2 id="cp-empty">本期无信息的应公开类别</h2>
        <xsl:variable name="empty" select="$c/categories/category[@empty]"/>
        <xsl:choose>
          <xsl:when test="$empty">
            <ul class="cp-gaps">
              <xsl:for-each select="$empty">
                <li data-category="{@code}"><xsl:value-of select="@path"/> <span class="meta">（<xsl:value-of select="@code"/>）</span></li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise><p class="empty">每个应公开类别本期都有信息。</p></xsl:otherwise>
        </xsl:choose>
      </section>

      <section aria-labelledby="cp-categories">
        <h2 id="cp-categories">各类别发布情况</h2>
        <div class="table-scroll" role="region" aria-labelledby="cp-cat-caption" tabindex="0">
          <table class="tl-table">
            <caption id="cp-cat-caption">表1 应公开类别的信息（<xsl:value-of select="$c/@zh"/>）</caption>
            <thead><tr><th scope="col">信息类别</th><th scope="col">发布</th><th scope="col">缺少内容项</th><th scope="col">逾期</th><th scope="col">推送至交易平台</th></tr></thead>
            <tbody>
              <xsl:for-each select="$c/categories/category">
                <tr data-category="{@code}">
                  <th scope="row"><xsl:value-of select="@path"/> <span class="meta"><xsl:value-of select="@code"/></span></th>
                  <td><xsl:choose><xsl:when test="@empty">无</xsl:when><xsl:otherwise><xsl:value-of select="@published"/></xsl:otherwise></xsl:choose></td>
                  <td><xsl:value-of select="@incomplete"/></td>
                  <td><xsl:value-of select="@late"/></td>
                  <td><xsl:choose><xsl:when test="@pushed">是</xsl:when><xsl:otherwise>否</xsl:otherwise></xsl:choose></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cp-incomplete">
        <h2 id="cp-incomplete">缺少必填内容项的信息</h2>
        <xsl:call-template name="notices">
          <xsl:with-param name="rows" select="$c/incomplete/notice"/>
          <xsl:with-param name="id" select="'cp-inc'"/>
          <xsl:with-param name="caption" select="'表2 本期发布、缺少必填内容项的信息'"/>
          <xsl:with-param name="none" select="'本期发布的信息都有全部必填内容项。'"/>
        </xsl:call-template>
      </section>

      <section aria-labelledby="cp-late">
        <h2 id="cp-late">逾期公开和逾期未公开的信息</h2>
        <xsl:call-template name="notices">
          <xsl:with-param name="rows" select="$c/late/notice"/>
          <xsl:with-param name="id" select="'cp-late-t'"/>
          <xsl:with-param name="caption" select="'表3 应公开日期在本期、逾期公开或逾期未公开的信息'"/>
          <xsl:with-param name="none" select="'本期没有逾期的信息。'"/>
        </xsl:call-template>
      </section>

      <section aria-labelledby="cp-pushes">
        <h2 id="cp-pushes">未送达交易平台的推送</h2>
        <xsl:choose>
          <xsl:when test="$c/pushes/push">
            <div class="table-scroll" role="region" aria-labelledby="cp-push-caption" tabindex="0">
              <table class="tl-table">
                <caption id="cp-push-caption">表4 本期的变更中未送达交易平台的推送</caption>
                <thead><tr><th scope="col">信息</th><th scope="col">变更</th><th scope="col">平台</th><th scope="col">变更时间</th><th scope="col">尝试次数</th><th scope="col">最近错误</th></tr></thead>
                <tbody>
                  <xsl:for-each select="$c/pushes/push">
                    <tr>
                      <th scope="row"><xsl:value-of select="@title"/> <span class="meta">编号 <xsl:value-of select="@notice"/></span></th>
                      <td><xsl:value-of select="@event"/></td>
                      <td><xsl:value-of select="@endpoint"/>（<xsl:value-of select="@channel"/>）</td>
                      <td><xsl:value-of select="@changed-at"/></td>
                      <td><xsl:value-of select="@attempts"/></td>
                      <td><xsl:value-of select="@last-error"/></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </div>
          </xsl:when>
          <xsl:otherwise><p class="empty">本期的推送都已送达。</p></xsl:otherwise>
        </xsl:choose>
      </section>
    </article>
  </xsl:template>

  <xsl:template name="notices">
    <xsl:param name="rows"/>
    <xsl:param name="id"/>
    <xsl:param name="caption"/>
    <xsl:param name="none"/>
    <xsl:choose>
      <xsl:when test="$rows">
        <div class="table-scroll" role="region" aria-labelledby="{$id}-caption" tabindex="0">
          <table class="tl-table">
            <caption id="{$id}-caption"><xsl:value-of select="$caption"/>（共<xsl:value-of select="count($rows)"/>条）</caption>
            <thead><tr><th scope="col">标题</th><th scope="col">索引号</th><th scope="col">发布机构</th><th scope="col">信息类别</th><th scope="col">发布日期</th><th scope="col">情况</th></tr></thead>
            <tbody>
              <xsl:for-each select="$rows">
                <tr data-notice="{@id}">
                  <th scope="row"><xsl:value-of select="@title"/> <span class="meta">编号 <xsl:value-of select="@id"/></span></th>
                  <td><xsl:value-of select="@index-no"/></td>
                  <td><xsl:value-of select="@issuer"/></td>
                  <td><xsl:value-of select="@path"/></td>
                  <td><xsl:choose><xsl:when test="@published != ''"><xsl:value-of select="@published"/></xsl:when><xsl:otherwise>未发布</xsl:otherwise></xsl:choose></td>
                  <td><xsl:choose>
                    <xsl:when test="@missing">缺少：<xsl:value-of select="@missing"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@late"/>（应公开日期 <xsl:value-of select="@due"/>）</xsl:otherwise>
                  </xsl:choose></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:value-of select="$none"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
