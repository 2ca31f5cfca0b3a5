<?xml version="1.0" encoding="UTF-8"?>
<!-- The disclosure-request form (依申请公开). Every input has a label; required items say so in
     the label's text; errors are listed at the top, each linked to its field, and tied to the
     field with aria-describedby and aria-invalid; what was typed comes back as attribute values
     and text nodes (escaped by the serializer). No script; the browser's own validation is off
     (novalidate) so that the server's messages, in Chinese and all at once, are what people see. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_contact.xsl"/>

  <xsl:variable name="y" select="/page/ysqgk"/>

  <xsl:template match="page" mode="title">政府信息公开申请</xsl:template>

  <xsl:template match="page" mode="main">
    <nav class="breadcrumb" aria-label="当前位置">
      <a href="{$base}">首页</a><xsl:text> › </xsl:text><span aria-current="page">依申请公开</span>
    </nav>
    <h1>政府信息公开申请</h1>
    <p class="lead">依据《中华人民共和国政府信息公开条例》，公民、法人或者其他组织可以通过本页面申请获取政府信息。标有“必填”的项目必须填写。</p>
    <p class="note">本机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复（不含收到申请的当天，节假日不计算在内）。网上提交的申请，以系统确认收到的日期为收到申请之日。</p>
    <p class="note">已经提交过申请？<a href="{$base}ysqgk/query">查询办理进度</a></p>

    <xsl:if test="$y/notice">
      <div class="form-notice" role="alert">
        <p><xsl:value-of select="$y/notice"/></p>
      </div>
    </xsl:if>
    <xsl:if test="$y/errors/error">
      <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">提交的申请有<xsl:value-of select="count($y/errors/error)"/>处需要修改</h2>
        <ul>
          <xsl:for-each select="$y/errors/error">
            <li><a href="#{@anchor}"><xsl:value-of select="@label"/><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
        <xsl:if test="$y/values/@had-files">
          <p>出于安全原因，浏览器不会保留已选择的附件，请重新选择。</p>
        </xsl:if>
      </div>
    </xsl:if>

    <form class="ysqgk-form" method="post" action="{$base}ysqgk/" enctype="multipart/form-data" novalidate="novalidate">
      <input type="hidden" name="form_token" value="{$y/@token}"/>

      <xsl:call-template name="radios">
        <xsl:with-param name="name" select="'applicant_type'"/>
        <xsl:with-param name="legend" select="'申请人类型'"/>
        <xsl:with-param name="req" select="'必填'"/>
      </xsl:call-template>

      <fieldset>
        <legend>申请人信息</legend>
        <xsl:call-template name="input">
          <xsl:with-param name="name" select="'name'"/>
          <xsl:with-param name="label" select="'姓名或名称'"/>
          <xsl:with-param name="req" select="'必填'"/>
          <xsl:with-param name="hint" select="'公民填写本人姓名；法人或者其他组织填写单位全称。'"/>
          <xsl:with-param name="auto" select="'name'"/>
        </xsl:call-template>

        <fieldset class="sub">
          <legend>申请人为公民时填写</legend>
          <xsl:call-template name="select">
            <xsl:with-param name="name" select="'id_type'"/>
            <xsl:with-param name="label" select="'证件类型'"/>
            <xsl:with-param name="req" select="'公民必填'"/>
            <xsl:with-param name="default" select="'resident-id'"/>
          </xsl:call-template>
          <xsl:call-template name="input">
            <xsl:with-param name="name" select="'id_number'"/>
            <xsl:with-param name="label" select="'证件号码'"/>
            <xsl:with-param name="req" select="'公民必填'"/>
            <xsl:with-param name="hint" select="'居民身份证为18位，最后一位可以是X。法人或者其他组织可填写联系人的证件。'"/>
            <xsl:with-param name="auto" select="'off'"/>
          </xsl:call-template>
        </fieldset>

        <fieldset class="sub">
          <legend>申请人为法人或者其他组织时填写</legend>
          <xsl:call-template name="select">
            <xsl:with-param name="name" select="'org_kind'"/>
            <xsl:with-param name="label" select="'组织类别'"/>
            <xsl:with-param name="req" select="'组织必填'"/>
          </xsl:call-template>
          <xsl:call-template name="input">
            <xsl:with-param name="name" select="'org_code'"/>
            <xsl:with-param name="label" select="'统一社会信用代码'"/>
            <xsl:with-param name="req" select="'组织必填'"/>
            <xsl:with-param name="hint" select="'18位，见营业执照或登记证书。'"/>
            <xsl:with-param name="auto" select="'off'"/>
          </xsl:call-template>
          <xsl:call-template name="input">
            <xsl:with-param name="name" select="'legal_rep'"/>
            <xsl:with-param name="label" select="'法定代表人或负责人'"/>
            <xsl:with-param name="req" select="'组织必填'"/>
          </xsl:call-template>
          <xsl:call-template name="input">
            <xsl:with-param name="name" select="'contact'"/>
            <xsl:with-param name="label" select="'联系人'"/>
            <xsl:with-param name="req" select="'组织必填'"/>
          </xsl:call-template>
        </fieldset>
      </fieldset>

      <fieldset>
        <legend>联系方式</legend>
        <xsl:call-template name="input">
          <xsl:with-param name="name" select="'phone'"/>
          <xsl:with-param name="label" select="'联系电话'"/>
          <xsl:with-param name="req" select="'必填'"/>
          <xsl:with-param name="hint" select="'手机或固定电话，如 0883-1234567。'"/>
          <xsl:with-param name="type" select="'tel'"/>
          <xsl:with-param name="auto" select="'tel'"/>
        </xsl:call-template>
        <xsl:call-template name="input">
          <xsl:with-param name="name" select="'email'"/>
          <xsl:with-param name="label" select="'电子邮箱'"/>
          <xsl:with-param name="req" select="'选择电子邮件获取时必填'"/>
          <xsl:with-param name="hint" select="'填写后，收到申请、补正、延期、答复等办理进度会发到这个邮箱。'"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="auto" select="'email'"/>
        </xsl:call-template>
        <xsl:call-template name="textarea">
          <xsl:with-param name="name" select="'address'"/>
          <xsl:with-param name="label" select="'通信地址'"/>
          <xsl:with-param name="req" select="'选择邮寄时必填'"/>
          <xsl:with-param name="auto" select="'street-address'"/>
          <xsl:with-param name="rows" select="2"/>
        </xsl:call-template>
        <xsl:call-template name="input">
          <xsl:with-param name="name" select="'postcode'"/>
          <xsl:with-param name="label" select="'邮政编码'"/>
          <xsl:with-param name="hint" select="'6位数字。'"/>
          <xsl:with-param name="auto" select="'postal-code'"/>
          <xsl:with-param name="mode" select="'numeric'"/>
          <xsl:with-param name="short" select="true()"/>
        </xsl:call-template>
      </fieldset>

      <fieldset>
        <legend>所需信息</legend>
        <xsl:call-template name="textarea">
          <xsl:with-param name="name" select="'description'"/>
          <xsl:with-param name="label" select="'所需信息的内容描述'"/>
          <xsl:with-param name="req" select="'必填'"/>
          <xsl:with-param name="hint" select="'请写明所需信息的名称、内容、形成时间等便于查找的特征，最多2000字。'"/>
        </xsl:call-template>
        <xsl:call-template name="input">
          <xsl:with-param name="name" select="'doc_number'"/>
          <xsl:with-param name="label" select="'文件名称或文号'"/>
          <xsl:with-param name="hint" select="'知道时填写，如“临政办发〔2025〕12号”。'"/>
        </xsl:call-template>
      </fieldset>

      <xsl:call-template name="radios">
        <xsl:with-param name="name" select="'form'"/>
        <xsl:with-param name="legend" select="'信息的提供形式'"/>
        <xsl:with-param name="req" select="'必填'"/>
      </xsl:call-template>
      <xsl:call-template name="radios">
        <xsl:with-param name="name" select="'delivery'"/>
        <xsl:with-param name="legend" select="'信息的获取方式'"/>
        <xsl:with-param name="req" select="'必填'"/>
      </xsl:call-template>

      <xsl:variable name="ferr" select="$y/errors/error[@field = 'attachments']"/>
      <div class="field">
        <xsl:if test="$ferr"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-attachments">附件</label>
        <span class="hint" id="h-attachments">可选。如身份证明的扫描件；最多<xsl:value-of select="$y/@attachments-max"/>个文件，每个不超过<xsl:value-of select="$y/@attachment-max"/>，只接受 PDF、JPEG、PNG、OFD、DOC、DOCX 格式。</span>
        <xsl:if test="$ferr">
          <span class="field-error" id="e-attachments"><span class="visually-hidden">错误：</span><xsl:value-of select="$ferr"/></span>
        </xsl:if>
        <input id="f-attachments" name="attachments" type="file" multiple="multiple"
               accept=".pdf,.jpg,.jpeg,.png,.ofd,.doc,.docx,application/pdf,image/jpeg,image/png">
          <xsl:choose>
            <xsl:when test="$ferr">
              <xsl:attribute name="aria-describedby">h-attachments e-attachments</xsl:attribute>
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
            </xsl:when>
            <xsl:otherwise><xsl:attribute name="aria-describedby">h-attachments</xsl:attribute></xsl:otherwise>
          </xsl:choose>
        </input>
      </div>

      <!-- Not for people: hidden from sight and from assistive technology, out of the tab order. -->
      <div class="hp" aria-hidden="true">
        <label for="f-website">网址（请勿填写）</label>
        <input id="f-website" name="website" type="text" value="" tabindex="-1" autocomplete="off"/>
      </div>

      <p class="note">您填写的证件号码、联系电话和通信地址只用于办理本申请，不会公开。提交后页面会显示受理编号和查询码，请记下查询码：它只显示一次，凭受理编号和查询码可以查询办理进度和答复。</p>
      <p><button type="submit">提交申请</button></p>
    </form>

    <aside class="help" aria-labelledby="help-title">
      <h2 id="help-title">需要帮助？</h2>
      <p>在阅读、视听等方面有困难，或者不便网上申请的，可以到本机关政府信息公开受理场所当面申请，也可以通过信函、传真提出申请；申请人书写确有困难的，可以口头提出，由工作人员代为填写申请。</p>
      <xsl:apply-templates select="/page/body" mode="contact">
        <xsl:with-param name="id" select="'help-contact'"/>
        <xsl:with-param name="heading" select="'受理机关'"/>
      </xsl:apply-templates>
    </aside>
  </xsl:template>

  <!-- "（必填）", "（公民必填）" ... in the label's own text. -->
  <xsl:template name="req-mark">
    <xsl:param name="req"/>
    <xsl:if test="$req"><span class="req">（<xsl:value-of select="$req"/>）</span></xsl:if>
  </xsl:template>

  <!-- aria-describedby and aria-invalid for a field with an optional hint and error. -->
  <xsl:template name="described">
    <xsl:param name="name"/>
    <xsl:param name="hint"/>
    <xsl:param name="err"/>
    <xsl:if test="$hint or $err">
      <xsl:attribute name="aria-describedby">
        <xsl:if test="$hint">h-<xsl:value-of select="$name"/></xsl:if>
        <xsl:if test="$hint and $err"><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="$err">e-<xsl:value-of select="$name"/></xsl:if>
      </xsl:attribute>
    </xsl:if>
    <xsl:if test="$err"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template name="hint-and-error">
    <xsl:param name="name"/>
    <xsl:param name="hint"/>
    <xsl:param name="err"/>
    <xsl:if test="$hint"><span class="hint" id="h-{$name}"><xsl:value-of select="$hint"/></span></xsl:if>
    <xsl:if test="$err">
      <span class="field-error" id="e-{$name}"><span class="visually-hidden">错误：</span><xsl:value-of select="$err"/></span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="input">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="req"/>
    <xsl:param name="hint"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="auto"/>
    <xsl:param name="mode"/>
    <xsl:param name="short" select="false()"/>
    <xsl:variable name="err" select="$y/errors/error[@field = $name]"/>
    <div class="field">
      <xsl:if test="$err"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$name}">
        <xsl:value-of select="$label"/>
        <xsl:call-template name="req-mark"><xsl:with-param name="req" select="$req"/></xsl:call-template>
      </label>
      <xsl:call-template name="hint-and-error">
        <xsl:with-param name="name" select="$name"/>
        <xsl:with-param name="hint" select="$hint"/>
        <xsl:with-param name="err" select="$err"/>
      </xsl:call-template>
      <input id="f-{$name}" name="{$name}" type="{$type}" value="{$y/values/v[@name = $name]}">
        <xsl:if test="$short"><xsl:attribute name="class">short</xsl:attribute></xsl:if>
        <xsl:if test="$auto"><xsl:attribute name="autocomplete"><xsl:value-of select="$auto"/></xsl:attribute></xsl:if>
        <xsl:if test="$mode"><xsl:attribute name="inputmode"><xsl:value-of select="$mode"/></xsl:attribute></xsl:if>
        <xsl:if test="$req = '必填'"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
        <xsl:call-template name="described">
          <xsl:with-param name="name" select="$name"/>
          <xsl:with-param name="hint" select="$hint"/>
          <xsl:with-param name="err" select="$err"/>
        </xsl:call-template>
      </input>
    </div>
  </xsl:template>

  <!-- A textarea: the description, and the address (street-address names a whole address, which
       HTML allows on a textarea and not on a one-line input). -->
  <xsl:template name="textarea">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="req"/>
    <xsl:param name="hint"/>
    <xsl:param name="auto"/>
    <xsl:param name="rows" select="6"/>
    <xsl:variable name="err" select="$y/errors/error[@field = $name]"/>
    <div class="field">
      <xsl:if test="$err"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$name}">
        <xsl:value-of select="$label"/>
        <xsl:call-template name="req-mark"><xsl:with-param name="req" select="$req"/></xsl:call-template>
      </label>
      <xsl:call-template name="hint-and-error">
        <xsl:with-param name="name" select="$name"/>
        <xsl:with-param name="hint" select="$hint"/>
        <xsl:with-param name="err" select="$err"/>
      </xsl:call-template>
      <textarea id="f-{$name}" name="{$name}" rows="{$rows}">
        <xsl:if test="$auto"><xsl:attribute name="autocomplete"><xsl:value-of select="$auto"/></xsl:attribute></xsl:if>
        <xsl:if test="$req = '必填'"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
        <xsl:call-template name="described">
          <xsl:with-param name="name" select="$name"/>
          <xsl:with-param name="hint" select="$hint"/>
          <xsl:with-param name="err" select="$err"/>
        </xsl:call-template>
        <xsl:value-of select="$y/values/v[@name = $name]"/>
      </textarea>
    </div>
  </xsl:template>

  <!-- A choice; with a default (the document most people have), that one is chosen until
       another is, and there is no empty choice to send by mistake. -->
  <xsl:template name="select">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="req"/>
    <xsl:param name="hint"/>
    <xsl:param name="default"/>
    <xsl:variable name="err" select="$y/errors/error[@field = $name]"/>
    <xsl:variable name="typed" select="string($y/values/v[@name = $name])"/>
    <xsl:variable name="cur">
      <xsl:choose>
        <xsl:when test="$typed != ''"><xsl:value-of select="$typed"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="field">
      <xsl:if test="$err"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$name}">
        <xsl:value-of select="$label"/>
        <xsl:call-template name="req-mark"><xsl:with-param name="req" select="$req"/></xsl:call-template>
      </label>
      <xsl:call-template name="hint-and-error">
        <xsl:with-param name="name" select="$name"/>
        <xsl:with-param name="hint" select="$hint"/>
        <xsl:with-param name="err" select="$err"/>
      </xsl:call-template>
      <select id="f-{$name}" name="{$name}">
        <xsl:call-template name="described">
          <xsl:with-param name="name" select="$name"/>
          <xsl:with-param name="hint" select="$hint"/>
          <xsl:with-param name="err" select="$err"/>
        </xsl:call-template>
        <xsl:if test="not($default)"><option value="">请选择</option></xsl:if>
        <xsl:for-each select="$y/choices[@name = $name]/choice">
          <option value="{@value}">
            <xsl:if test="@value = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="@label"/>
          </option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <!-- A group of radio buttons: a fieldset whose legend is the question; the error is tied to
       the group and each button is marked invalid. -->
  <xsl:template name="radios">
    <xsl:param name="name"/>
    <xsl:param name="legend"/>
    <xsl:param name="req"/>
    <xsl:variable name="err" select="$y/errors/error[@field = $name]"/>
    <xsl:variable name="cur" select="string($y/values/v[@name = $name])"/>
    <fieldset class="radio-group" id="g-{$name}">
      <xsl:if test="$err">
        <xsl:attribute name="class">radio-group has-error</xsl:attribute>
        <xsl:attribute name="aria-describedby">e-<xsl:value-of select="$name"/></xsl:attribute>
      </xsl:if>
      <legend>
        <xsl:value-of select="$legend"/>
        <xsl:call-template name="req-mark"><xsl:with-param name="req" select="$req"/></xsl:call-template>
      </legend>
      <xsl:if test="$err">
        <span class="field-error" id="e-{$name}"><span class="visually-hidden">错误：</span><xsl:value-of select="$err"/></span>
      </xsl:if>
      <xsl:for-each select="$y/choices[@name = $name]/choice">
        <span class="choice">
          <input type="radio" id="f-{$name}-{@value}" name="{$name}" value="{@value}">
            <xsl:if test="@value = $cur"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            <xsl:if test="$err">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby">e-<xsl:value-of select="$name"/></xsl:attribute>
            </xsl:if>
          </input>
          <label for="f-{$name}-{@value}"><xsl:value-of select="@label"/></label>
        </span>
      </xsl:for-each>
    </fieldset>
  </xsl:template>
</xsl:stylesheet>
