<?xml version="1.0" encoding="UTF-8"?>
<!-- The receipt (回执) of a disclosure request, on screen and on paper (print CSS in xxgk.css,
     section "ysqgk"). The query code appears only in the answer to the filing itself. Never
     shows identity numbers, phones or addresses. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_contact.xsl"/>

  <xsl:variable name="r" select="/page/receipt"/>
  <!-- The body that answers the request (its own, else the site's receiving body); the site's
       name only where the site has none. -->
  <xsl:variable name="issuer">
    <xsl:choose>
      <xsl:when test="/page/body"><xsl:value-of select="/page/body/@signature-line"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="/page/site/@name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="duplicate">申请已经提交</xsl:when>
      <xsl:otherwise>政府信息公开申请回执 <xsl:value-of select="receipt/@tracking-no"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:choose>
      <xsl:when test="duplicate">
        <h1>申请已经提交</h1>
        <p>这份申请表已经提交过<xsl:if test="duplicate/@tracking-no != ''">，受理编号为 <strong><xsl:value-of select="duplicate/@tracking-no"/></strong></xsl:if>。为避免重复申请，本次没有再提交。</p>
        <p>查询码只在第一次提交后的回执上显示。如需再提交一件新的申请，请<a href="{$base}ysqgk/">重新打开申请页面</a>。</p>
        <p><a href="{$base}ysqgk/query?no={duplicate/@tracking-no}">查询办理进度</a></p>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="receipt"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="receipt">
    <article class="receipt" aria-labelledby="receipt-title">
      <p class="receipt-issuer"><xsl:value-of select="$issuer"/></p>
      <h1 id="receipt-title">政府信息公开申请回执</h1>
      <xsl:choose>
        <xsl:when test="@query-code">
          <p class="receipt-lead" role="status">您的申请已提交成功，本机关已于<xsl:value-of select="@received-on"/>收到。</p>
          <div class="query-code">
            <p>受理编号：<strong class="code"><xsl:value-of select="@tracking-no"/></strong></p>
            <p>查询码：<strong class="code"><xsl:value-of select="@query-code"/></strong></p>
            <p class="warning">请立即记下或打印查询码：它只显示这一次，本机关不保存查询码。凭受理编号和查询码可以查询办理进度、查看答复。查询码遗失的，可以携带身份证明到本机关申请重新发放，原查询码随即作废。</p>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="receipt-lead">（补打回执：查询码只在提交申请时显示，此处不再显示。）</p>
        </xsl:otherwise>
      </xsl:choose>
      <table class="receipt-table">
        <caption class="visually-hidden">申请的受理信息</caption>
        <tbody>
          <tr><th scope="row">受理编号</th><td><xsl:value-of select="@tracking-no"/></td></tr>
          <tr><th scope="row">申请方式</th><td><xsl:value-of select="@channel-label"/></td></tr>
          <tr>
            <th scope="row">申请人</th>
            <td>
              <xsl:value-of select="@name"/>
              <xsl:text>（</xsl:text><xsl:value-of select="@applicant-type-label"/>
              <xsl:if test="@org-kind-label"><xsl:text>·</xsl:text><xsl:value-of select="@org-kind-label"/></xsl:if>
              <xsl:text>）</xsl:text>
            </td>
          </tr>
          <tr><th scope="row">收到申请日期</th><td><xsl:value-of select="@received-on"/></td></tr>
          <tr>
            <th scope="row">答复期限</th>
            <td>
              <xsl:value-of select="@due-on"/><xsl:text>前（自收到申请之日起</xsl:text><xsl:value-of select="@reply-days"/><xsl:text>个工作日）</xsl:text>
              <xsl:if test="@provisional = '1'"><strong class="provisional">暂定</strong></xsl:if>
            </td>
          </tr>
          <tr><th scope="row">所需信息</th><td class="text"><xsl:value-of select="description"/></td></tr>
          <xsl:if test="doc-number"><tr><th scope="row">文件名称或文号</th><td><xsl:value-of select="doc-number"/></td></tr></xsl:if>
          <tr><th scope="row">提供形式</th><td><xsl:value-of select="@form-label"/></td></tr>
          <tr><th scope="row">获取方式</th><td><xsl:value-of select="@delivery-label"/></td></tr>
          <xsl:if test="attachment">
            <tr>
              <th scope="row">附件</th>
              <td>
                <ul class="plain">
                  <xsl:for-each select="attachment">
                    <li><xsl:value-of select="@filename"/>（<xsl:value-of select="@size"/>）</li>
                  </xsl:for-each>
                </ul>
              </td>
            </tr>
          </xsl:if>
          <tr><th scope="row">当前状态</th><td><xsl:value-of select="@status-label"/></td></tr>
        </tbody>
      </table>
      <p class="note">答复期限按工作日计算：收到申请的当天不计入，周末和法定节假日不计算，调休上班日计算。需要补正、征求第三方意见或者依法延长答复期限的，本机关会另行告知。</p>
      <xsl:if test="@provisional = '1'">
        <p class="note">暂定：答复期限所在年度的节假日安排尚未公布，暂按周末和法定节假日推算；安排公布后期限会自动调整，请以查询页面显示的为准。</p>
      </xsl:if>
      <xsl:apply-templates select="/page/body" mode="contact"/>
      <p class="receipt-footer"><xsl:value-of select="$issuer"/><xsl:text>　</xsl:text><xsl:value-of select="@received-on"/></p>
    </article>
    <p class="no-print">
      <a href="{$base}ysqgk/query?no={@tracking-no}">查询办理进度</a>
      <xsl:text>　·　需要纸质回执的，请使用浏览器的“打印”功能打印本页。</xsl:text>
    </p>
  </xsl:template>
</xsl:stylesheet>
