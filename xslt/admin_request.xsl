<?xml version="1.0" encoding="UTF-8"?>
<!-- One request for its handlers: details, deadlines, timeline, letters, and a form for each step
     the workflow allows now. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">申请 <xsl:value-of select="request/@tracking-no"/></xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="r" select="request"/>
    <xsl:variable name="url" select="concat($admin, 'requests/', $r/@id)"/>
    <p><a href="{$admin}requests">返回申请列表</a></p>
    <h1>申请 <xsl:value-of select="$r/@tracking-no"/>：<xsl:value-of select="$r/@status-label"/></h1>
    <xsl:if test="$r/@done"><p class="message ok" role="status">已办理。</p></xsl:if>
    <xsl:if test="$r/warning"><p class="warning" role="alert"><xsl:value-of select="$r/warning"/></p></xsl:if>

    <section aria-labelledby="dl-h" class="deadlines">
      <h2 id="dl-h">期限</h2>
      <ul>
        <xsl:for-each select="$r/deadline">
          <li>
            <xsl:choose>
              <xsl:when test="@kind = 'reply'">答复期限</xsl:when>
              <xsl:when test="@kind = 'correction'">补正期限</xsl:when>
              <xsl:otherwise>第三方提出意见期限</xsl:otherwise>
            </xsl:choose>：<strong><xsl:value-of select="@due"/></strong>
            （自<xsl:value-of select="@start"/>起<xsl:value-of select="@days"/>个工作日<xsl:if test="pause">，中止计算：<xsl:for-each select="pause"><xsl:value-of select="concat(@from, '至', @to)"/><xsl:if test="position() != last()">、</xsl:if></xsl:for-each></xsl:if>）
            <xsl:if test="@provisional = '1'"><span class="warn">暂定：该年度节假日安排尚未公布</span></xsl:if>
            <xsl:if test="@open = '0'"><span class="meta">（已结束）</span></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>

    <section aria-labelledby="ap-h">
      <h2 id="ap-h">申请人及所需信息</h2>
      <xsl:if test="$r/@masked"><p class="meta">个人信息已部分隐去：仅办理该申请的工作人员可见全文。</p></xsl:if>
      <dl class="column-facts">
        <dt>申请人</dt><dd><xsl:value-of select="$r/@name"/><xsl:if test="$r/@org-kind-label">（<xsl:value-of select="$r/@org-kind-label"/>）</xsl:if></dd>
        <xsl:if test="string($r/@org-code)"><dt>统一社会信用代码</dt><dd><xsl:value-of select="$r/@org-code"/></dd></xsl:if>
        <dt>证件</dt><dd><xsl:value-of select="$r/@id-type-label"/> <xsl:value-of select="$r/@id-number"/></dd>
        <dt>电话</dt><dd><xsl:value-of select="$r/@phone"/></dd>
        <dt>电子邮箱</dt><dd><xsl:value-of select="$r/@email"/></dd>
        <dt>通信地址</dt><dd><xsl:value-of select="$r/@address"/> <xsl:value-of select="$r/@postcode"/></dd>
        <dt>收到渠道</dt><dd><xsl:value-of select="$r/@channel-label"/>，<xsl:value-of select="$r/@received-on"/>收到</dd>
        <dt>所需信息</dt><dd><xsl:value-of select="$r/@description"/><xsl:if test="string($r/@doc-number)">（文号：<xsl:value-of select="$r/@doc-number"/>）</xsl:if></dd>
        <dt>提供形式、获取方式</dt><dd><xsl:value-of select="$r/@form-label"/>，<xsl:value-of select="$r/@delivery-label"/></dd>
        <dt>办理机关</dt>
        <dd>
          <xsl:choose>
            <xsl:when test="string($r/@body)"><xsl:value-of select="$r/@body"/></xsl:when>
            <xsl:when test="$r/answering-body">未指定，由受理机关<xsl:value-of select="$r/answering-body/@name"/>办理</xsl:when>
            <xsl:otherwise><strong class="warn">未指定，本站也没有受理机关：告知书不能签发</strong></xsl:otherwise>
          </xsl:choose>
        </dd>
        <dt>本月第几件</dt><dd><xsl:value-of select="$r/@month-seq"/></dd>
        <xsl:if test="$r/@outcome"><dt>答复类型</dt><dd><xsl:value-of select="$r/@outcome-label"/> <xsl:value-of select="$r/@reason-label"/></dd></xsl:if>
      </dl>
    </section>

    <section aria-labelledby="act-h" class="steps">
      <h2 id="act-h">办理</h2>
      <xsl:if test="not($r/actions/action)"><p>该申请已办结。</p></xsl:if>
      <xsl:for-each select="$r/actions/action">
        <xsl:variable name="a" select="@name"/>
        <details class="step">
          <xsl:if test="$a = 'answer' and $r/draft-letter"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary><xsl:apply-templates select="." mode="label"/></summary>
          <form method="post" action="{$url}" enctype="multipart/form-data" class="editor">
            <xsl:call-template name="csrf"/>
            <input type="hidden" name="action" value="{$a}"/>
            <xsl:if test="$a != 'assign' and $a != 'fee_notice' and $a != 'abandon' and $a != 'fee_unpaid' and $a != 'extend'">
              <div class="row"><label for="on-{$a}">日期<xsl:if test="$a = 'corrected'">（收到补正申请之日）</xsl:if><xsl:if test="$a = 'consult_end'">（收到第三方意见或期限届满之日）</xsl:if></label>
                <input id="on-{$a}" name="on" type="date" value="{/page/@today}"/></div>
            </xsl:if>
            <xsl:if test="$a = 'correction'">
              <div class="row"><label for="days-{$a}">补正期限（工作日，默认15）</label><input id="days-{$a}" name="days" type="text" inputmode="numeric" value="15"/></div>
            </xsl:if>
            <xsl:if test="$a = 'extend'">
              <div class="row"><label for="days-{$a}">延长的工作日数（最多20）</label><input id="days-{$a}" name="days" type="text" inputmode="numeric" value="20"/></div>
            </xsl:if>
            <xsl:if test="$a = 'fee_notice'">
              <div class="row"><label for="fm">收费方式</label>
                <select id="fm" name="fee_method"><option value="per-request">按件计收（本月第<xsl:value-of select="$r/@month-seq"/>件）</option><option value="by-volume">按量计收</option></select></div>
              <div class="row"><label for="pages">页数（按量计收时填写）</label><input id="pages" name="pages" type="text" inputmode="numeric"/></div>
            </xsl:if>
            <xsl:if test="$a = 'assign'">
              <div class="row"><label for="body">办理机关</label>
                <select id="body" name="body">
                  <xsl:for-each select="$r/bodies/body">
                    <option value="{@name}"><xsl:if test="@name = $r/@body"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/></option>
                  </xsl:for-each>
                </select></div>
            </xsl:if>
            <xsl:if test="$a = 'answer'">
              <div class="row">
                <label for="outcome">答复类型及理由</label>
                <select id="outcome" name="outcome">
                  <xsl:for-each select="$r/reasons/reason">
                    <option value="{@value}"><xsl:if test="@value = $r/draft-letter/@outcome"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="concat(@outcome-label, ' · ', .)"/></option>
                  </xsl:for-each>
                </select>
              </div>
              <div class="row">
                <label for="letter-answer">答复告知书（留空则按所选类型的模板生成；可先<a href="{$url}?outcome=disclosed:#act-h">生成模板</a>再修改）</label>
                <textarea id="letter-answer" name="letter" rows="10"><xsl:value-of select="$r/draft-letter"/></textarea>
              </div>
              <div class="row"><label for="files">答复文件（可多个）</label><input id="files" name="file" type="file" multiple="multiple"/></div>
            </xsl:if>
            <div class="row"><label for="note-{$a}">内部说明（不向申请人公开）</label><input id="note-{$a}" name="note" type="text"/></div>
            <button type="submit"><xsl:apply-templates select="." mode="label"/></button>
          </form>
        </details>
      </xsl:for-each>
      <xsl:if test="$r/actions/action[@name = 'answer']">
        <form method="get" action="{$url}" class="filters">
          <label for="pick">按答复类型生成告知书</label>
          <select id="pick" name="outcome">
            <xsl:for-each select="$r/reasons/reason"><option value="{@value}"><xsl:value-of select="concat(@outcome-label, ' · ', .)"/></option></xsl:for-each>
          </select>
          <button type="submit" class="secondary">生成</button>
        </form>
      </xsl:if>
    </section>

    <section aria-labelledby="tl-h">
      <h2 id="tl-h">办理记录</h2>
      <ol class="timeline">
        <xsl:for-each select="$r/event">
          <li>
            <strong><xsl:value-of select="@on"/> <xsl:value-of select="@kind-label"/></strong>
            <span class="meta">（<xsl:value-of select="@actor"/>，<xsl:value-of select="@at"/><xsl:if test="@visible = '0'">，申请人不可见</xsl:if>）</span>
            <xsl:if test="string(@note)"><br/>说明：<xsl:value-of select="@note"/></xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>
    <xsl:if test="$r/letter">
      <section aria-labelledby="lt-h">
        <h2 id="lt-h">告知书</h2>
        <ul><xsl:for-each select="$r/letter"><li><a href="{$url}/letters/{@id}"><xsl:value-of select="@title"/></a>（<xsl:value-of select="@date"/>，<xsl:value-of select="@by"/>）</li></xsl:for-each></ul>
      </section>
    </xsl:if>
    <xsl:if test="$r/attachment">
      <section aria-labelledby="at-h">
        <h2 id="at-h">材料</h2>
        <ul><xsl:for-each select="$r/attachment"><li><xsl:value-of select="@filename"/>（<xsl:value-of select="@kind"/>，<xsl:value-of select="@size"/> 字节<xsl:if test="@visible = '1'">，申请人可下载</xsl:if>）</li></xsl:for-each></ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="action" mode="label">
    <xsl:choose>
      <xsl:when test="@name = 'accept'">受理并开始办理</xsl:when>
      <xsl:when test="@name = 'correction'">告知补正</xsl:when>
      <xsl:when test="@name = 'corrected'">收到补正</xsl:when>
      <xsl:when test="@name = 'abandon'">逾期未补正，视为放弃</xsl:when>
      <xsl:when test="@name = 'consult'">征求第三方意见</xsl:when>
      <xsl:when test="@name = 'consult_end'">征求意见结束</xsl:when>
      <xsl:when test="@name = 'extend'">延长答复期限</xsl:when>
      <xsl:when test="@name = 'fee_notice'">发出收费通知</xsl:when>
      <xsl:when test="@name = 'fee_paid'">已缴费</xsl:when>
      <xsl:when test="@name = 'fee_unpaid'">逾期未缴费，终止办理</xsl:when>
      <xsl:when test="@name = 'answer'">作出答复</xsl:when>
      <xsl:when test="@name = 'close'">办结</xsl:when>
      <xsl:when test="@name = 'withdraw'">申请人撤回</xsl:when>
      <xsl:when test="@name = 'assign'">指定办理机关</xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
