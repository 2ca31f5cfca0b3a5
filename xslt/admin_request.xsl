<?xml version="1.0" encoding="UTF-8"?>
<!-- One request for its handlers: details, deadlines, timeline, letters, and a form for each step
     the workflow allows now. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <!-- The steps taken on the day they are recorded: their forms have no date, so a date rule
       refusing one is about that day, and no field is marked for it. -->
  <xsl:variable name="undated" select="' assign fee_notice abandon fee_unpaid extend redate '"/>
  <xsl:template match="page" mode="title">申请 <xsl:value-of select="request/@tracking-no"/></xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="r" select="request"/>
    <xsl:variable name="url" select="concat($admin, 'requests/', $r/@id)"/>
    <p><a href="{$admin}requests">返回申请列表</a></p>
    <h1>申请 <xsl:value-of select="$r/@tracking-no"/>：<xsl:value-of select="$r/@status-label"/></h1>
    <xsl:if test="$r/@done"><p class="message ok" role="status">已办理。</p></xsl:if>
    <xsl:if test="$r/warning"><p class="warning" role="alert"><xsl:value-of select="$r/warning"/></p></xsl:if>
    <!-- A refused step is said first, in the page's first screen (its box under 办理 may be far
         below), with the way to it and to the field. -->
    <xsl:if test="$r/attempt">
      <p class="form-error" role="alert" id="step-refused">未能办理<xsl:if test="$r/attempt/@action">“<xsl:apply-templates select="$r/attempt" mode="label"/>”</xsl:if>：<xsl:value-of select="$r/attempt/@message"/><xsl:text> </xsl:text><a href="#step-error">转到办理</a></p>
    </xsl:if>
    <xsl:if test="$r/review-error">
      <p class="form-error" role="alert">未能记录复议或诉讼：<xsl:value-of select="$r/review-error"/><xsl:text> </xsl:text><a href="#review-error">转到记录</a></p>
    </xsl:if>

    <section aria-labelledby="dl-h" class="deadlines">
      <h2 id="dl-h">期限</h2>
      <ul>
        <xsl:for-each select="$r/deadline">
          <li>
            <xsl:choose>
              <xsl:when test="@kind = 'reply'">答复期限</xsl:when>
              <xsl:when test="@kind = 'correction'">补正期限</xsl:when>
              <xsl:when test="@kind = 'body_consultation'">请其他机关答复的日期（收到答复之日起答复期限继续计算）</xsl:when>
              <xsl:otherwise>第三方提出意见期限</xsl:otherwise>
            </xsl:choose>：<strong><xsl:value-of select="@due"/></strong>
            （自<xsl:value-of select="@start"/>起<xsl:value-of select="@days"/>个工作日<xsl:if test="pause">，中止计算：<xsl:for-each select="pause"><xsl:apply-templates select="." mode="label"/><xsl:if test="position() != last()">、</xsl:if></xsl:for-each></xsl:if>）
            <xsl:if test="@provisional = '1'"><span class="warn">暂定：该年度节假日安排尚未公布</span></xsl:if>
            <xsl:choose>
              <!-- Art. 30: waiting for the correction, the reply period is suspended, not over. -->
              <xsl:when test="@open = '0' and @kind = 'reply' and ../deadline[@kind = 'correction' and @open = '1']"><strong>（中止计算：等待补正，收到补正之日起重新计算）</strong></xsl:when>
              <xsl:when test="@open = '0'"><span class="meta">（已结束）</span></xsl:when>
            </xsl:choose>
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
        <xsl:if test="$r/@outcome"><dt>答复类型</dt><dd><xsl:call-template name="outcome-and-reason"><xsl:with-param name="outcome" select="$r/@outcome-label"/><xsl:with-param name="reason" select="$r/@reason-label"/></xsl:call-template></dd></xsl:if>
      </dl>
    </section>

    <section aria-labelledby="act-h" class="steps">
      <h2 id="act-h">办理</h2>
      <xsl:variable name="at" select="$r/attempt"/>
      <xsl:if test="$at">
        <div class="form-error" id="step-error" tabindex="-1">
          <p><strong>未能办理<xsl:if test="$at/@action">“<xsl:apply-templates select="$at" mode="label"/>”</xsl:if>：</strong><xsl:value-of select="$at/@message"/></p>
          <!-- The field the refusal is about, in the step's form (offered, or shown as refused). -->
          <xsl:if test="string($at/@field) and not($at/@field = 'on' and contains($undated, concat(' ', $at/@action, ' ')))">
            <xsl:variable name="form-id"><xsl:value-of select="$at/@action"/><xsl:if test="not($r/actions/action[@name = $at/@action])">-refused</xsl:if></xsl:variable>
            <xsl:variable name="field-id"><xsl:call-template name="field-id"><xsl:with-param name="field" select="$at/@field"/></xsl:call-template></xsl:variable>
            <p><a href="#{$field-id}-{$form-id}">转到出错的项目</a></p>
          </xsl:if>
          <xsl:if test="$at/value[string(.)]"><p>您填写的内容保留在下面的表单中<xsl:if test="not($r/actions/action[@name = $at/@action]) and $at/@action != 'deliver'">（这一步现在不在可办理的步骤中：申请的状态已变，或这一步须由有权限的人员办理；可复制后刷新页面，或交由有权办理的人员）</xsl:if>；上传的文件需要重新选择。</p></xsl:if>
        </div>
        <xsl:if test="$at/value[string(.)] and not($r/actions/action[@name = $at/@action]) and $at/@action != 'deliver'">
          <xsl:call-template name="step-form">
            <xsl:with-param name="a" select="string($at/@action)"/>
            <xsl:with-param name="offered" select="false()"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:if>
      <xsl:if test="not($r/actions/action)"><p>没有您可以办理的步骤。</p></xsl:if>
      <xsl:for-each select="$r/actions/action">
        <xsl:call-template name="step-form">
          <xsl:with-param name="a" select="string(@name)"/>
          <xsl:with-param name="offered" select="true()"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$r/actions/action[@name = 'answer']">
        <form method="get" action="{$url}" class="filters">
          <label for="pick">按答复类型生成告知书</label>
          <select id="pick" name="outcome">
            <xsl:for-each select="$r/reasons/reason"><option value="{@value}"><xsl:call-template name="outcome-and-reason"><xsl:with-param name="outcome" select="@outcome-label"/><xsl:with-param name="reason" select="@letter"/></xsl:call-template></option></xsl:for-each>
          </select>
          <button type="submit" class="secondary">生成</button>
        </form>
      </xsl:if>
    </section>

    <xsl:if test="$r/proactive or string($r/@notice)">
      <section aria-labelledby="pa-h">
        <h2 id="pa-h">纳入主动公开（条例第四十四条）</h2>
        <xsl:choose>
          <xsl:when test="string($r/@notice)">
            <p>该申请的信息已转为主动公开的信息：<a href="{$admin}notices/{$r/@notice}">查看该公开信息</a>。</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="meta">多个申请人申请相同的可以公开的信息，或者申请人建议将其纳入主动公开的，可以转为主动公开：生成所选栏目下的草稿，发布机构为办理机关，附上答复文件，发布前仍可修改。</p>
            <form method="post" action="{$url}/notice" class="editor">
              <xsl:call-template name="csrf"/>
              <div class="row"><label for="pa-category">栏目</label>
                <select id="pa-category" name="category">
                  <xsl:for-each select="$r/proactive/category"><option value="{@code}"><xsl:value-of select="."/></option></xsl:for-each>
                </select></div>
              <div class="row"><label for="pa-title">标题</label><input id="pa-title" name="title" type="text" value="{$r/@description}"/></div>
              <div class="row"><label for="pa-basis">依据</label>
                <select id="pa-basis" name="basis"><option value="repeated">多个申请人申请相同信息（第四十四条第一款）</option><option value="suggested">申请人建议纳入主动公开（第四十四条第二款）</option></select></div>
              <button type="submit">转为主动公开</button>
            </form>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>

    <section aria-labelledby="rv-h">
      <h2 id="rv-h">行政复议和行政诉讼</h2>
      <xsl:if test="$r/review-error">
        <div class="form-error" id="review-error" tabindex="-1"><p><strong>未能记录：</strong><xsl:value-of select="$r/review-error"/></p></div>
      </xsl:if>
      <xsl:if test="not($r/reviews/review)"><p class="meta">没有记录。</p></xsl:if>
      <xsl:for-each select="$r/reviews/review">
        <form method="post" action="{$url}/reviews" class="editor review">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="review" value="{@id}"/>
          <input type="hidden" name="kind" value="{@kind}"/>
          <input type="hidden" name="filed_on" value="{@filed-on}"/>
          <input type="hidden" name="note" value="{@note}"/>
          <p><strong><xsl:value-of select="@kind-label"/></strong>：<xsl:value-of select="@filed-on"/> 申请（起诉），<span class="result"><xsl:value-of select="@result-label"/></span>
            <xsl:if test="string(@decided-on)">（<xsl:value-of select="@decided-on"/> 决定或裁判）</xsl:if>
            <xsl:if test="string(@note)">。<xsl:value-of select="@note"/></xsl:if></p>
          <xsl:if test="@result = 'pending'">
            <div class="row"><label for="rv-on-{@id}">决定或裁判日期</label><input id="rv-on-{@id}" name="decided_on" type="date"/></div>
            <div class="row"><label for="rv-result-{@id}">结果</label>
              <select id="rv-result-{@id}" name="result"><option value="upheld">结果维持</option><option value="corrected">结果纠正</option><option value="other">其他结果</option></select></div>
            <button type="submit" class="secondary">记录结果</button>
          </xsl:if>
        </form>
        <xsl:if test="../@may-delete = '1'">
          <form method="post" action="{$url}/reviews" class="editor review-delete">
            <xsl:call-template name="csrf"/>
            <input type="hidden" name="action" value="delete"/>
            <input type="hidden" name="review" value="{@id}"/>
            <div class="row"><label for="rv-why-{@id}">误录删除的理由</label><input id="rv-why-{@id}" name="reason" type="text" required="required" maxlength="500"/></div>
            <button type="submit" class="secondary">删除这条记录（录入有误）</button>
          </form>
        </xsl:if>
      </xsl:for-each>
      <form method="post" action="{$url}/reviews" class="editor">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="form_token" value="{$r/reviews/@token}"/>
        <div class="row"><label for="rv-kind">类型</label>
          <select id="rv-kind" name="kind"><option value="review">行政复议</option><option value="suit">行政诉讼（未经复议直接起诉）</option><option value="suit-after-review">行政诉讼（复议后起诉）</option></select></div>
        <div class="row"><label for="rv-filed">申请复议或起诉日期</label><input id="rv-filed" name="filed_on" type="date" required="required"/></div>
        <div class="row"><label for="rv-decided">决定或裁判日期</label><input id="rv-decided" name="decided_on" type="date"/></div>
        <div class="row"><label for="rv-result">结果</label>
          <select id="rv-result" name="result"><option value="pending">尚未审结</option><option value="upheld">结果维持</option><option value="corrected">结果纠正</option><option value="other">其他结果</option></select></div>
        <div class="row"><label for="rv-note">说明</label><input id="rv-note" name="note" type="text"/></div>
        <button type="submit">记录复议或诉讼</button>
      </form>
    </section>

    <section aria-labelledby="tl-h">
      <h2 id="tl-h">办理记录</h2>
      <ol class="timeline">
        <xsl:for-each select="$r/event">
          <li>
            <strong><xsl:value-of select="@on"/> <xsl:value-of select="@kind-label"/></strong>
            <span class="meta">（<xsl:apply-templates select="@actor" mode="label"/>，<xsl:value-of select="@at"/><xsl:if test="@visible = '0'">，申请人不可见</xsl:if>）</span>
            <xsl:if test="string(@note)"><br/>说明：<xsl:value-of select="@note"/></xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>
    <xsl:apply-templates select="$r/deliveries"/>
    <xsl:if test="$r/letter">
      <section aria-labelledby="lt-h">
        <h2 id="lt-h">告知书</h2>
        <ul><xsl:for-each select="$r/letter"><li><a href="{$url}/letters/{@id}"><xsl:value-of select="@title"/></a>（<xsl:if test="@to = 'third-party' or @to = 'other-body'">致<xsl:value-of select="@to-name"/>，</xsl:if><xsl:value-of select="@date"/>，<xsl:value-of select="@signature"/>，<xsl:value-of select="@by"/>）</li></xsl:for-each></ul>
      </section>
    </xsl:if>
    <xsl:if test="$r/attachment">
      <section aria-labelledby="at-h">
        <h2 id="at-h">材料</h2>
        <ul><xsl:for-each select="$r/attachment"><li>
          <xsl:choose>
            <!-- the applicant's own materials (identity documents) only where the details are shown in full -->
            <xsl:when test="$r/@masked = '1' and (@kind = 'application' or @kind = 'correction')"><xsl:value-of select="@filename"/></xsl:when>
            <xsl:otherwise><a href="{$url}/files/{@id}" download=""><xsl:value-of select="@filename"/></a></xsl:otherwise>
          </xsl:choose>（<xsl:apply-templates select="@kind" mode="label"/>，<xsl:value-of select="@size"/> 字节<xsl:if test="@visible = '1'">，申请人可下载</xsl:if>）</li></xsl:for-each></ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Delivery of the answer (送达): what was recorded, and the form for those who may record it. -->
  <xsl:template match="deliveries">
    <xsl:variable name="typed" select="../attempt[@action = 'deliver']/value"/>
    <xsl:if test="delivery or @may-record">
      <section aria-labelledby="delivery-h" class="deliveries">
        <h2 id="delivery-h">送达</h2>
        <xsl:if test="delivery">
          <ul>
            <xsl:for-each select="delivery">
              <li><xsl:value-of select="concat(@on, ' ', @method-label, '送达')"/><xsl:if test="string(@tracking-no)">，邮件号 <xsl:value-of select="@tracking-no"/></xsl:if><xsl:if test="string(@note)">；<xsl:value-of select="@note"/></xsl:if><span class="meta">（<xsl:value-of select="@by"/>）</span></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:if test="@may-record">
          <form method="post" action="{$admin}requests/{../@id}/delivery" class="editor">
            <xsl:call-template name="csrf"/>
            <p class="field">
              <label for="dv-method">送达方式</label>
              <select id="dv-method" name="method">
                <xsl:for-each select="method">
                  <option value="{@code}"><xsl:if test="@code = $typed[@name = 'method']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
                </xsl:for-each>
              </select>
            </p>
            <p class="field">
              <label for="dv-on">送达日期</label>
              <input id="dv-on" name="delivered_on" type="date" required="required" value="{$typed[@name = 'delivered_on']}"/>
            </p>
            <p class="field">
              <label for="dv-tracking">邮件号（邮寄时填写）</label>
              <input id="dv-tracking" name="tracking_no" maxlength="40" value="{$typed[@name = 'tracking_no']}"/>
            </p>
            <p class="field">
              <label for="dv-note">说明</label>
              <input id="dv-note" name="note" maxlength="500" value="{$typed[@name = 'note']}"/>
            </p>
            <button type="submit">记录送达</button>
          </form>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One step's form when it is offered; when it was refused to someone who may not take it,
       its fields again, keeping what was typed, in no form (nothing to send). -->
  <xsl:template name="step-form">
    <xsl:param name="a"/>
    <xsl:param name="offered"/>
    <xsl:variable name="r" select="/page/request"/>
    <xsl:variable name="typed" select="$r/attempt[@action = $a]/value"/>
    <details class="step">
      <xsl:if test="$typed or ($a = 'answer' and $r/draft-letter) or not($offered)"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <xsl:if test="not($offered)"><xsl:attribute name="class">step refused</xsl:attribute></xsl:if>
      <summary><xsl:call-template name="step-label"><xsl:with-param name="a" select="$a"/></xsl:call-template></summary>
      <xsl:choose>
        <xsl:when test="$offered">
          <form method="post" action="{$admin}requests/{$r/@id}" enctype="multipart/form-data" class="editor">
            <xsl:call-template name="csrf"/>
            <input type="hidden" name="action" value="{$a}"/>
            <!-- the request as this page shows it: a step from an older page is refused -->
            <input type="hidden" name="version" value="{$r/@version}"/>
            <xsl:call-template name="step-fields">
              <xsl:with-param name="a" select="$a"/>
              <xsl:with-param name="id" select="$a"/>
              <xsl:with-param name="typed" select="$typed"/>
            </xsl:call-template>
            <button type="submit"><xsl:call-template name="step-label"><xsl:with-param name="a" select="$a"/></xsl:call-template></button>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <div class="editor">
            <xsl:call-template name="step-fields">
              <xsl:with-param name="a" select="$a"/>
              <xsl:with-param name="id" select="concat($a, '-refused')"/>
              <xsl:with-param name="typed" select="$typed"/>
            </xsl:call-template>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </details>
  </xsl:template>

  <!-- A step's fields, with what was typed (else their defaults). -->
  <xsl:template name="step-fields">
    <xsl:param name="a"/>
    <xsl:param name="id"/>
    <xsl:param name="typed"/>
    <xsl:variable name="r" select="/page/request"/>
    <xsl:variable name="url" select="concat($admin, 'requests/', $r/@id)"/>
    <xsl:variable name="bad" select="string($r/attempt[@action = $a]/@field)"/>
    <xsl:if test="not(contains($undated, concat(' ', $a, ' ')))">
      <div class="row"><label for="on-{$id}">日期<xsl:call-template name="date-hint"><xsl:with-param name="a" select="$a"/></xsl:call-template></label>
        <input id="on-{$id}" name="on" type="date" value="{$typed[@name = 'on'] | /page/@today[not($typed[@name = 'on'])]}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'on'"/></xsl:call-template></input></div>
    </xsl:if>
    <xsl:if test="$a = 'correction'">
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'what'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'需要补正的事项（写入补正告知书，一次性告知）'"/></xsl:call-template>
      <div class="row"><label for="days-{$id}">补正期限（工作日，默认15）</label><input id="days-{$id}" name="days" type="text" inputmode="numeric"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'days'"/></xsl:call-template><xsl:attribute name="value"><xsl:call-template name="typed"><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="name" select="'days'"/><xsl:with-param name="default" select="15"/></xsl:call-template></xsl:attribute></input></div>
    </xsl:if>
    <xsl:if test="$a = 'consult'">
      <div class="row"><label for="tp-{$id}">第三方的名称（征求意见书的收件人）</label><input id="tp-{$id}" name="third_party" type="text" value="{$typed[@name = 'third_party']}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'third_party'"/></xsl:call-template></input></div>
    </xsl:if>
    <xsl:if test="$a = 'consult_end'">
      <div class="row"><label for="answer-{$id}">第三方的意见</label>
        <select id="answer-{$id}" name="answer"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'answer'"/></xsl:call-template>
          <option value="agreed">同意公开</option>
          <option value="objected"><xsl:if test="$typed[@name = 'answer'] = 'objected'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>不同意公开</option>
          <option value="none"><xsl:if test="$typed[@name = 'answer'] = 'none'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>逾期未提出意见（自第三方收到之日起15个工作日届满）</option>
        </select></div>
    </xsl:if>
    <xsl:if test="$a = 'body_consult'">
      <div class="row"><label for="ob-{$id}">征求意见的行政机关（征求意见函的收件机关）</label><input id="ob-{$id}" name="other_body" type="text" maxlength="100" value="{$typed[@name = 'other_body']}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'other_body'"/></xsl:call-template></input></div>
      <div class="row"><label for="ground-{$id}">征求意见的情形</label>
        <select id="ground-{$id}" name="ground"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'ground'"/></xsl:call-template>
          <option value="other">需要其他机关确定或者提出意见（由本机关确定请其答复的日期）</option>
          <option value="joint"><xsl:if test="$typed[@name = 'ground'] = 'joint'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>与其他机关共同制作（第三十四条：自其收到之日起15个工作日，逾期视为同意公开）</option>
        </select></div>
      <div class="row"><label for="until-{$id}">请其他机关答复的日期（共同制作的不填）</label><input id="until-{$id}" name="until" type="date" value="{$typed[@name = 'until']}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'until'"/></xsl:call-template></input></div>
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'question'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'征求意见的事项（写入征求意见函）'"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$a = 'body_answer'">
      <div class="row"><label for="gist-{$id}">其他机关意见的主要内容（内部记录，不向申请人公开；共同制作的信息逾期未提出意见的，写明“逾期未提出意见，视为同意公开”）</label><textarea id="gist-{$id}" name="gist" rows="3" maxlength="800"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'gist'"/></xsl:call-template><xsl:value-of select="$typed[@name = 'gist']"/></textarea></div>
    </xsl:if>
    <xsl:if test="$a = 'public_interest'">
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'reasons'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'决定公开的理由（不公开可能对公共利益造成重大影响；写入告知第三方的决定书）'"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$a = 'extend'">
      <div class="row"><label for="days-{$id}">延长的工作日数（最多<xsl:value-of select="/page/request/@extension-max"/>）</label><input id="days-{$id}" name="days" type="text" inputmode="numeric"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'days'"/></xsl:call-template><xsl:attribute name="value"><xsl:call-template name="typed"><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="name" select="'days'"/><xsl:with-param name="default" select="/page/request/@extension-max"/></xsl:call-template></xsl:attribute></input></div>
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'reasons'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'延期的理由（写入告知书：“本机关因……，不能在答复期限内作出答复”）'"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$a = 'art35_reasons'">
      <div class="row"><label for="until-{$id}">说明理由的期限（留空为10个工作日）</label><input id="until-{$id}" name="until" type="date" value="{$typed[@name = 'until']}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'until'"/></xsl:call-template></input></div>
    </xsl:if>
    <xsl:if test="$a = 'art35_later'">
      <div class="row"><label for="until-{$id}">延迟答复的期限（工作日）</label><input id="until-{$id}" name="until" type="date" value="{$typed[@name = 'until']}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'until'"/></xsl:call-template></input></div>
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'reasons'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'确定该期限的理由（写入告知书）'"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$a = 'redate'">
      <div class="row"><label for="received-{$id}">更正后的收到申请之日（按收到渠道的规则）</label><input id="received-{$id}" name="received_on" type="date" value="{$typed[@name = 'received_on'] | $r/@received-on[not($typed[@name = 'received_on'])]}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'received_on'"/></xsl:call-template></input></div>
    </xsl:if>
    <xsl:if test="$a = 'fee_notice'">
      <div class="row"><label for="fm-{$id}">收费方式</label>
        <select id="fm-{$id}" name="fee_method"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'fee_method'"/></xsl:call-template>
          <option value="per-request">按件计收（该申请人<xsl:value-of select="concat(substring($r/@received-on, 1, 4), '年', number(substring($r/@received-on, 6, 2)), '月')"/>向本机关提出的第<xsl:value-of select="$r/@month-seq"/>件）</option>
          <option value="by-volume"><xsl:if test="$typed[@name = 'fee_method'] = 'by-volume'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>按量计收</option>
        </select></div>
      <div class="row"><label for="pages-{$id}">页数（按量计收时填写）</label><input id="pages-{$id}" name="pages" type="text" inputmode="numeric" value="{$typed[@name = 'pages']}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'pages'"/></xsl:call-template></input></div>
    </xsl:if>
    <xsl:if test="$a = 'assign'">
      <!-- Staff give it to a body they serve; approvers and admins to any body of the site. -->
      <xsl:variable name="picked" select="$typed[@name = 'body'] | $r/@body[not($typed[@name = 'body'])]"/>
      <xsl:variable name="unpicked" select="$typed and not(string($typed[@name = 'body']))"/>
      <div class="row"><xsl:if test="$unpicked"><xsl:attribute name="class">row has-error</xsl:attribute></xsl:if>
        <label for="body-{$id}">办理机关</label>
        <select id="body-{$id}" name="body" required="required"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'body'"/></xsl:call-template>
          <xsl:if test="$unpicked"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          <option value="">请选择机关</option>
          <xsl:for-each select="$r/actions/assign-body | $r/bodies/body[not($r/actions/assign-body)]/@name">
            <option><xsl:if test=". = $picked"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
          </xsl:for-each>
        </select></div>
    </xsl:if>
    <xsl:if test="$a = 'answer'">
      <xsl:variable name="picked" select="$typed[@name = 'outcome'] | $r/draft-letter/@outcome[not($typed[@name = 'outcome'])]"/>
      <div class="row">
        <label for="outcome-{$id}">答复类型及理由</label>
        <select id="outcome-{$id}" name="outcome"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'outcome'"/></xsl:call-template>
          <xsl:for-each select="$r/reasons/reason">
            <option value="{@value}"><xsl:if test="@value = $picked"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="outcome-and-reason"><xsl:with-param name="outcome" select="@outcome-label"/><xsl:with-param name="reason" select="@letter"/></xsl:call-template></option>
          </xsl:for-each>
        </select>
      </div>
      <div class="row">
        <label for="letter-{$id}">答复告知书（留空则按所选类型的模板生成；可先<a href="{$url}?outcome=disclosed:#act-h">生成模板</a>再修改。救济途径、落款和日期按办理机关和办理日期加上）</label>
        <textarea id="letter-{$id}" name="letter" rows="10"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'letter'"/></xsl:call-template><xsl:value-of select="$typed[@name = 'letter'] | $r/draft-letter[not($typed[@name = 'letter'])]"/></textarea>
      </div>
      <p class="meta">下列内容按所选类型写入告知书：部分公开、不属于本机关负责公开、其他处理须写明理由；已主动公开、公开出版物须写明获取途径；不属于本机关负责公开须写明负责公开的机关；行政查询事项须写明办理的规定和途径。</p>
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'reasons'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'理由'"/></xsl:call-template>
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'where'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'获取的方式和途径（已主动公开的，写明公开的位置，如网址、栏目）'"/></xsl:call-template>
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'right_body'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'负责公开该信息的行政机关及其联系方式'"/></xsl:call-template>
      <xsl:call-template name="public-text"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="'regime'"/><xsl:with-param name="typed" select="$typed"/><xsl:with-param name="l" select="'办理的法律、行政法规规定和途径（行政查询事项）'"/></xsl:call-template>
      <div class="row"><label for="files-{$id}">答复文件（可多个）</label><input id="files-{$id}" name="file" type="file" multiple="multiple"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'file'"/></xsl:call-template></input></div>
    </xsl:if>
    <xsl:if test="$a != 'answer' and $typed[@name = 'letter']">
      <div class="row"><label for="letter-{$id}">告知书</label><textarea id="letter-{$id}" name="letter" rows="10"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'letter'"/></xsl:call-template><xsl:value-of select="$typed[@name = 'letter']"/></textarea></div>
    </xsl:if>
    <div class="row"><label for="note-{$id}">内部说明（不向申请人公开）</label><input id="note-{$id}" name="note" type="text" maxlength="1000" value="{$typed[@name = 'note']}"><xsl:call-template name="invalid"><xsl:with-param name="on" select="$bad = 'note'"/></xsl:call-template></input></div>
  </xsl:template>

  <!-- A field whose text goes into the letter, for its addressee to read. -->
  <xsl:template name="public-text">
    <xsl:param name="id"/>
    <xsl:param name="n"/>
    <xsl:param name="typed"/>
    <xsl:param name="l"/>
    <div class="row"><label for="{$n}-{$id}"><xsl:value-of select="$l"/></label><textarea id="{$n}-{$id}" name="{$n}" rows="3"><xsl:call-template name="invalid"><xsl:with-param name="on" select="string($typed[1]/../@field) = $n"/></xsl:call-template><xsl:value-of select="$typed[@name = $n]"/></textarea></div>
  </xsl:template>

  <!-- A field that a refused step was about: marked, and described by the error above the forms. -->
  <xsl:template name="invalid">
    <xsl:param name="on"/>
    <xsl:if test="$on">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
      <xsl:attribute name="aria-describedby">step-error</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The id a step form's field has: its name, but for a few shorter ones. -->
  <xsl:template name="field-id">
    <xsl:param name="field"/>
    <xsl:choose>
      <xsl:when test="$field = 'third_party'">tp</xsl:when>
      <xsl:when test="$field = 'other_body'">ob</xsl:when>
      <xsl:when test="$field = 'received_on'">received</xsl:when>
      <xsl:when test="$field = 'fee_method'">fm</xsl:when>
      <xsl:when test="$field = 'file'">files</xsl:when>
      <xsl:otherwise><xsl:value-of select="$field"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What was typed in the field, else the default. -->
  <xsl:template name="typed">
    <xsl:param name="typed"/>
    <xsl:param name="name"/>
    <xsl:param name="default"/>
    <xsl:choose>
      <xsl:when test="$typed[@name = $name]"><xsl:value-of select="$typed[@name = $name]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="date-hint">
    <xsl:param name="a"/>
    <xsl:choose>
      <xsl:when test="$a = 'corrected'">（收到补正申请之日）</xsl:when>
      <xsl:when test="$a = 'consult'">（发出征求意见书之日）</xsl:when>
      <xsl:when test="$a = 'consult_received'">（第三方收到征求意见书之日：其15个工作日自该日起算）</xsl:when>
      <xsl:when test="$a = 'consult_end'">（收到第三方意见之日，或其期限届满后）</xsl:when>
      <xsl:when test="$a = 'fee_paid'">（收到费用之日）</xsl:when>
      <xsl:when test="$a = 'body_consult'">（发出征求意见函之日：答复期限自该日起中止计算）</xsl:when>
      <xsl:when test="$a = 'body_answer'">（收到其他机关意见之日：答复期限自该日起继续计算）</xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="action | attempt" mode="label">
    <xsl:call-template name="step-label"><xsl:with-param name="a" select="@name | @action"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="step-label">
    <xsl:param name="a"/>
    <xsl:choose>
      <xsl:when test="$a = 'accept'">受理并开始办理</xsl:when>
      <xsl:when test="$a = 'correction'">告知补正</xsl:when>
      <xsl:when test="$a = 'corrected'">收到补正</xsl:when>
      <xsl:when test="$a = 'abandon'">逾期未补正，视为放弃</xsl:when>
      <xsl:when test="$a = 'consult'">发出征求第三方意见书</xsl:when>
      <xsl:when test="$a = 'consult_received'">第三方收到征求意见书</xsl:when>
      <xsl:when test="$a = 'consult_end'">征求意见结束</xsl:when>
      <xsl:when test="$a = 'public_interest'">决定公开并书面告知第三方（第三十二条）</xsl:when>
      <xsl:when test="$a = 'extend'">延长答复期限</xsl:when>
      <xsl:when test="$a = 'art35_reasons'">要求申请人说明理由（第三十五条）</xsl:when>
      <xsl:when test="$a = 'art35_later'">确定延迟答复的期限（第三十五条）</xsl:when>
      <xsl:when test="$a = 'fee_notice'">发出收费通知</xsl:when>
      <xsl:when test="$a = 'fee_paid'">已缴费</xsl:when>
      <xsl:when test="$a = 'fee_unpaid'">逾期未缴费，终止办理</xsl:when>
      <xsl:when test="$a = 'answer'">作出答复</xsl:when>
      <xsl:when test="$a = 'close'">办结</xsl:when>
      <xsl:when test="$a = 'withdraw'">申请人撤回</xsl:when>
      <xsl:when test="$a = 'assign'">指定办理机关</xsl:when>
      <xsl:when test="$a = 'redate'">更正收到申请之日</xsl:when>
      <xsl:when test="$a = 'body_consult'">发出征求其他机关意见函</xsl:when>
      <xsl:when test="$a = 'body_answer'">收到其他机关意见</xsl:when>
      <xsl:when test="$a = 'deliver'">记录送达</xsl:when>
      <xsl:otherwise><xsl:value-of select="$a"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
