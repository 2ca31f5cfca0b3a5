<?xml version="1.0" encoding="UTF-8"?>
<!-- The monthly timeliness report of proactive disclosure (fcgi/notices/timeliness.c builds the data:
     /page/timeliness with totals, by-body, by-domain and notices). Printable: the tables carry
     captions and th scope, status is written out in words (never colour alone), and the wide
     tables scroll inside a focusable region on narrow screens. Used by `xxgkctl report
     timeliness` (HTML format) and by the staff page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>

  <xsl:variable name="t" select="/page/timeliness"/>
  <xsl:variable name="period" select="concat($t/@year-number, '年', $t/@month-number, '月')"/>

  <xsl:template match="page" mode="title">主动公开时效报告（<xsl:value-of select="$period"/>）</xsl:template>

  <xsl:template match="page" mode="main">
    <article class="tl-report">
      <h1>主动公开时效报告（<xsl:value-of select="$period"/>）</h1>
      <p class="lead">
        <xsl:value-of select="/page/site/@name"/>
        <xsl:text>。统计范围：应公开日期在 </xsl:text>
        <time datetime="{$t/@first}"><xsl:value-of select="$t/@first"/></time>
        <xsl:text> 至 </xsl:text>
        <time datetime="{$t/@last}"><xsl:value-of select="$t/@last"/></time>
        <xsl:text> 之间的信息（草稿和已发布），按 </xsl:text>
        <time datetime="{$t/@today}"><xsl:value-of select="$t/@today"/></time>
        <xsl:text> 的情况判断。</xsl:text>
      </p>
      <p class="note">时限：自政府信息形成或变更之日起20个工作日内公开；行政许可、行政处罚决定自作出之日起7个工作日内公开。工作日按国务院办公厅公布的节假日安排计算（调休上班日计入）。“即将到期”指尚未发布、<xsl:value-of select="$t/@due-soon-days"/>个工作日内到期。</p>

      <section aria-labelledby="tl-summary">
        <h2 id="tl-summary">总体情况</h2>
        <dl class="tl-summary">
          <dt>应公开</dt><dd><xsl:value-of select="$t/totals/@total"/>条</dd>
          <dt>按时公开</dt><dd><xsl:value-of select="$t/totals/@on-time"/>条</dd>
          <dt>逾期公开</dt><dd><xsl:value-of select="$t/totals/@late"/>条（逾期工作日合计<xsl:value-of select="$t/totals/@late-days"/>个，最多<xsl:value-of select="$t/totals/@late-max"/>个）</dd>
          <dt>即将到期</dt><dd><xsl:value-of select="$t/totals/@due-soon"/>条</dd>
          <dt>逾期未公开</dt><dd><xsl:value-of select="$t/totals/@overdue"/>条</dd>
          <dt>未到期</dt><dd><xsl:value-of select="$t/totals/@pending"/>条</dd>
        </dl>
        <xsl:if test="$t/totals/@provisional &gt; 0">
          <p class="note">其中<xsl:value-of select="$t/totals/@provisional"/>条的日期涉及尚未公布节假日安排的年度，按周末和法定节假日推算，为暂定结果。</p>
        </xsl:if>
      </section>

      <section aria-labelledby="tl-by-body">
        <h2 id="tl-by-body">按发布机构统计</h2>
        <xsl:call-template name="counts-table">
          <xsl:with-param name="id" select="'tl-body-table'"/>
          <xsl:with-param name="caption" select="concat('表1 各发布机构主动公开时效情况（', $period, '）')"/>
          <xsl:with-param name="head" select="'发布机构'"/>
          <xsl:with-param name="groups" select="$t/by-body/group"/>
        </xsl:call-template>
      </section>

      <section aria-labelledby="tl-by-domain">
        <h2 id="tl-by-domain">按领域统计</h2>
        <xsl:call-template name="counts-table">
          <xsl:with-param name="id" select="'tl-domain-table'"/>
          <xsl:with-param name="caption" select="concat('表2 各领域主动公开时效情况（', $period, '）')"/>
          <xsl:with-param name="head" select="'领域'"/>
          <xsl:with-param name="groups" select="$t/by-domain/group"/>
        </xsl:call-template>
      </section>

      <section aria-labelledby="tl-list">
        <h2 id="tl-list">逾期及即将到期的信息</h2>
        <xsl:variable name="rows" select="$t/notices/notice[@status = 'late' or @status = 'overdue' or @status = 'due-soon']"/>
        <xsl:choose>
          <xsl:when test="$rows">
            <div class="table-scroll" role="region" aria-labelledby="tl-list-caption" tabindex="0">
              <table class="tl-table tl-notices">
                <caption id="tl-list-caption">表3 逾期公开、逾期未公开和即将到期的信息（<xsl:value-of select="$period"/>，共<xsl:value-of select="count($rows)"/>条）</caption>
                <thead>
                  <tr>
                    <th scope="col">标题</th>
                    <th scope="col">索引号</th>
                    <th scope="col">发布机构</th>
                    <th scope="col">领域 / 信息类别</th>
                    <th scope="col">成文日期</th>
                    <th scope="col">时限</th>
                    <th scope="col">应公开日期</th>
                    <th scope="col">发布日期</th>
                    <th scope="col">状态</th>
                  </tr>
                </thead>
                <tbody>
                  <xsl:for-each select="$rows">
                    <tr class="tl-{@status}" data-notice="{@id}">
                      <th scope="row">
                        <xsl:choose>
                          <xsl:when test="@stored = 'published'"><a href="{$base}n/{@id}"><xsl:value-of select="@title"/></a></xsl:when>
                          <xsl:otherwise><xsl:value-of select="@title"/></xsl:otherwise>
                        </xsl:choose>
                        <span class="meta"><xsl:text> 编号 </xsl:text><xsl:value-of select="@id"/><xsl:if test="@stored = 'draft'">（草稿）</xsl:if></span>
                      </th>
                      <td><xsl:value-of select="@index-no"/></td>
                      <td><xsl:value-of select="@issuer"/></td>
                      <td><xsl:value-of select="@category"/></td>
                      <td><time datetime="{@formed-on}"><xsl:value-of select="@formed-on"/></time></td>
                      <td><xsl:value-of select="@limit-days"/>个工作日<xsl:if test="@licensing-penalty">（许可、处罚决定）</xsl:if></td>
                      <td>
                        <time datetime="{@due-on}"><xsl:value-of select="@due-on"/></time>
                        <xsl:if test="@provisional">（暂定）</xsl:if>
                      </td>
                      <td>
                        <xsl:choose>
                          <xsl:when test="@published-on"><time datetime="{@published-on}"><xsl:value-of select="@published-on"/></time></xsl:when>
                          <xsl:otherwise>未发布</xsl:otherwise>
                        </xsl:choose>
                      </td>
                      <td class="tl-status">
                        <strong><xsl:value-of select="@status-zh"/></strong>
                        <xsl:choose>
                          <xsl:when test="@status = 'late' and @late-by = 0">，在应公开日期后的休息日发布（不足1个工作日）</xsl:when>
                          <xsl:when test="@status = 'late'">，逾期<xsl:value-of select="@late-by"/>个工作日</xsl:when>
                          <xsl:when test="@status = 'overdue'">，已逾期<xsl:value-of select="@late-by"/>个工作日</xsl:when>
                          <xsl:when test="@status = 'due-soon'">，还剩<xsl:value-of select="@days-left"/>个工作日</xsl:when>
                        </xsl:choose>
                      </td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </div>
          </xsl:when>
          <xsl:otherwise><p class="empty">本月没有逾期公开、逾期未公开或即将到期的信息。</p></xsl:otherwise>
        </xsl:choose>
      </section>
    </article>
  </xsl:template>

  <xsl:template name="counts-table">
    <xsl:param name="id"/>
    <xsl:param name="caption"/>
    <xsl:param name="head"/>
    <xsl:param name="groups"/>
    <xsl:choose>
      <xsl:when test="$groups">
        <div class="table-scroll" role="region" aria-labelledby="{$id}-caption" tabindex="0">
          <table class="tl-table" id="{$id}">
            <caption id="{$id}-caption"><xsl:value-of select="$caption"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="$head"/></th>
                <th scope="col">应公开</th>
                <th scope="col">按时公开</th>
                <th scope="col">逾期公开</th>
                <th scope="col">逾期工作日合计</th>
                <th scope="col">最多逾期工作日</th>
                <th scope="col">即将到期</th>
                <th scope="col">逾期未公开</th>
                <th scope="col">未到期</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$groups">
                <tr>
                  <th scope="row"><xsl:value-of select="@name"/></th>
                  <xsl:call-template name="counts"/>
                </tr>
              </xsl:for-each>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">合计</th>
                <xsl:for-each select="$t/totals"><xsl:call-template name="counts"/></xsl:for-each>
              </tr>
            </tfoot>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="empty">本月没有应公开的信息。</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="counts">
    <td class="num"><xsl:value-of select="@total"/></td>
    <td class="num"><xsl:value-of select="@on-time"/></td>
    <td class="num"><xsl:value-of select="@late"/></td>
    <td class="num"><xsl:value-of select="@late-days"/></td>
    <td class="num"><xsl:value-of select="@late-max"/></td>
    <td class="num"><xsl:value-of select="@due-soon"/></td>
    <td class="num"><xsl:value-of select="@overdue"/></td>
    <td class="num"><xsl:value-of select="@pending"/></td>
  </xsl:template>
</xsl:stylesheet>
