<?xml version="1.0" encoding="UTF-8"?>
<!-- Tracking a disclosure request: the lookup form (tracking number and query code, posted), and
     for a right pair the status, the steps with their dates, the due date, the reply and its
     documents. A wrong pair gets one message whatever was wrong; a field left empty is named at
     the field. No personal information. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>

  <xsl:variable name="q" select="/page/query"/>
  <xsl:variable name="req" select="/page/request"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="request">申请 <xsl:value-of select="request/@tracking-no"/> 的办理情况</xsl:when>
      <xsl:otherwise>查询申请办理进度</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <nav class="breadcrumb" aria-label="当前位置">
      <a href="{$base}">首页</a><xsl:text> › </xsl:text>
      <a href="{$base}ysqgk/">依申请公开</a><xsl:text> › </xsl:text>
      <span aria-current="page">查询办理进度</span>
    </nav>
    <h1>查询申请办理进度</h1>
    <xsl:if test="$q/error">
      <div class="error-summary" role="alert" aria-labelledby="query-error-title">
        <h2 id="query-error-title">没有查到</h2>
        <p id="query-error"><xsl:value-of select="$q/error"/></p>
      </div>
    </xsl:if>
    <xsl:if test="$q/field-error">
      <div class="error-summary" role="alert" aria-labelledby="field-error-title">
        <h2 id="field-error-title">请填写以下内容</h2>
        <ul>
          <xsl:for-each select="$q/field-error">
            <li><a href="#f-{@field}"><xsl:value-of select="@label"/>：<xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:if test="not($req)">
      <form class="query-form" method="post" action="{$base}ysqgk/query" novalidate="novalidate">
        <xsl:variable name="tn-err" select="$q/field-error[@field = 'tracking_no']"/>
        <div class="field">
          <xsl:if test="$tn-err"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-tracking_no">受理编号<span class="req">（必填）</span></label>
          <span class="hint" id="h-tracking_no">见申请回执，如 <xsl:value-of select="translate(/page/site/@key, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>-2026-00001。</span>
          <xsl:apply-templates select="$tn-err"/>
          <input id="f-tracking_no" name="tracking_no" type="text" autocomplete="off" aria-required="true" value="{$q/@tracking-no}">
            <xsl:attribute name="aria-describedby">h-tracking_no<xsl:if test="$q/error"> query-error</xsl:if><xsl:if test="$tn-err"> e-tracking_no</xsl:if></xsl:attribute>
            <xsl:if test="$tn-err"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          </input>
        </div>
        <xsl:variable name="qc-err" select="$q/field-error[@field = 'query_code']"/>
        <div class="field">
          <xsl:if test="$qc-err"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-query_code">查询码<span class="req">（必填）</span></label>
          <span class="hint" id="h-query_code">提交申请时回执上显示的12位查询码，如 ABCD-EFGH-JKMN（不区分大小写）。</span>
          <xsl:apply-templates select="$qc-err"/>
          <input id="f-query_code" name="query_code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-required="true" value="">
            <xsl:attribute name="aria-describedby">h-query_code<xsl:if test="$q/error"> query-error</xsl:if><xsl:if test="$qc-err"> e-query_code</xsl:if></xsl:attribute>
            <xsl:if test="$qc-err"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          </input>
        </div>
        <p><button type="submit">查询</button></p>
      </form>
      <p class="note">还没有提出申请？<a href="{$base}ysqgk/">在线申请政府信息公开</a></p>
    </xsl:if>
    <xsl:apply-templates select="$req"/>
  </xsl:template>

  <!-- A field's error, at the field (the summary above links to it). -->
  <xsl:template match="field-error">
    <span class="field-error" id="e-{@field}"><span class="visually-hidden">错误：</span><xsl:value-of select="."/></span>
  </xsl:template>

  <xsl:template match="request">
    <section class="request-status" aria-labelledby="status-title">
      <h2 id="status-title">申请 <xsl:value-of select="@tracking-no"/> 的办理情况</h2>
      <dl class="status-facts">
        <dt>当前状态</dt>
        <dd><strong class="status status-{@status}"><xsl:value-of select="@status-label"/></strong></dd>
        <dt>申请人</dt>
        <dd><xsl:value-of select="@name"/>（<xsl:value-of select="@applicant-type-label"/>）</dd>
        <dt>申请方式</dt>
        <dd><xsl:value-of select="@channel-label"/></dd>
        <dt>收到申请日期</dt>
        <dd><xsl:value-of select="@received-on"/></dd>
        <xsl:choose>
          <!-- Waiting for a correction (Art. 30): the period is not running, nor over. -->
          <xsl:when test="@reply-suspended = '1'">
            <dt>答复期限</dt>
            <dd>
              <strong>中止计算</strong>
              <xsl:text>（</xsl:text>
              <xsl:if test="@correction-from">自<xsl:value-of select="@correction-from"/>起</xsl:if>
              <xsl:text>等待补正</xsl:text>
              <xsl:if test="@correction-due">，请于<xsl:value-of select="@correction-due"/>前补正</xsl:if>
              <xsl:text>）。本机关收到补正之日起，答复期限重新计算。</xsl:text>
            </dd>
          </xsl:when>
          <!-- Waiting for another body's opinion (Art. 33 para. 3): paused until it comes. -->
          <xsl:when test="@status = 'body_consultation' and pause">
            <dt>答复期限</dt>
            <dd>
              <strong>中止计算</strong>
              <xsl:text>（自</xsl:text><xsl:value-of select="pause[last()]/@from"/>
              <xsl:text>起征求其他行政机关意见，所需时间不计入答复期限）。本机关收到其意见之日起，答复期限继续计算。</xsl:text>
            </dd>
          </xsl:when>
          <xsl:when test="@open = '1' and @due-on">
            <dt>答复期限</dt>
            <dd>
              <xsl:value-of select="@due-on"/><xsl:text>前</xsl:text>
              <xsl:if test="pause">
                <xsl:text>（</xsl:text>
                <xsl:for-each select="pause">
                  <xsl:if test="position() > 1">、</xsl:if><xsl:apply-templates select="." mode="label"/>
                </xsl:for-each>
                <xsl:text>中止计算，不计入答复期限）</xsl:text>
              </xsl:if>
              <xsl:if test="@provisional = '1'">
                <strong class="provisional">暂定</strong>
                <span class="note">（该年度节假日安排尚未公布，暂按周末和法定节假日推算，公布后自动调整）</span>
              </xsl:if>
            </dd>
          </xsl:when>
        </xsl:choose>
        <dt>所需信息</dt>
        <dd class="text"><xsl:value-of select="description"/></dd>
        <xsl:if test="doc-number">
          <dt>文件名称或文号</dt>
          <dd><xsl:value-of select="doc-number"/></dd>
        </xsl:if>
        <dt>提供形式和获取方式</dt>
        <dd><xsl:value-of select="@form-label"/>，<xsl:value-of select="@delivery-label"/></dd>
      </dl>

      <xsl:if test="@outcome">
        <h3>答复结果</h3>
        <p class="outcome">
          <strong><xsl:value-of select="@outcome-label"/></strong>
          <xsl:if test="@answered-on">（<xsl:value-of select="@answered-on"/>答复）</xsl:if>
        </p>
      </xsl:if>

      <xsl:if test="document">
        <h3>答复文件</h3>
        <ul class="documents">
          <xsl:for-each select="document">
            <li>
              <a href="{@url}"><xsl:value-of select="@filename"/></a>
              <span class="meta">（<xsl:value-of select="@size"/>，<xsl:value-of select="@date"/>）</span>
            </li>
          </xsl:for-each>
        </ul>
        <p class="note">下载链接两小时内有效；过期后请重新查询。</p>
      </xsl:if>

      <h3>办理过程</h3>
      <ol class="timeline">
        <xsl:for-each select="event">
          <li>
            <time datetime="{@date}"><xsl:value-of select="@date"/></time>
            <xsl:text> </xsl:text>
            <strong><xsl:value-of select="@label"/></strong>
            <xsl:if test="normalize-space(.) != ''">
              <span class="event-note"><xsl:value-of select="."/></span>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>

      <form class="no-print inline-form" method="post" action="{$base}ysqgk/receipt">
        <input type="hidden" name="tracking_no" value="{@tracking-no}"/>
        <input type="hidden" name="query_code" value="{$q/@code}"/>
        <button type="submit">补打回执</button>
      </form>
      <p class="no-print"><a href="{$base}ysqgk/query">查询其他申请</a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
