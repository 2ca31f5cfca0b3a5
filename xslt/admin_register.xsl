<?xml version="1.0" encoding="UTF-8"?>
<!-- Registering a request that came in person, by post, fax or email, with the receipt date the
     rules give its channel. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">登记申请</xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="f" select="register"/>
    <h1>登记申请</h1>
    <xsl:choose>
      <xsl:when test="duplicate">
        <div class="form-error" role="alert">
          <p>这份登记表已经提交过<xsl:if test="string(duplicate/@tracking-no)">，申请已登记为受理编号 <strong><xsl:value-of select="duplicate/@tracking-no"/></strong></xsl:if>，没有再次登记。</p>
          <p>查询码只在第一次登记时显示；如未交给申请人，可在该申请的页面重新生成。</p>
        </div>
        <p><xsl:if test="string(duplicate/@id)"><a href="{$admin}requests/{duplicate/@id}">办理该申请</a> · </xsl:if><a href="{$admin}requests/new">登记另一件申请</a></p>
      </xsl:when>
      <xsl:when test="registered">
        <xsl:variable name="g" select="registered"/>
        <div class="message ok no-print" role="status">
          <p>已登记。受理编号 <strong><xsl:value-of select="$g/@tracking-no"/></strong>。查询码只显示这一次：请打印下面的回执交给申请人（浏览器菜单“打印”，或按 Ctrl+P）。</p>
          <p>答复期限：<xsl:value-of select="$g/@due-on"/><xsl:if test="$g/@provisional">（暂定）</xsl:if></p>
        </div>
        <article class="receipt" aria-labelledby="receipt-h">
          <h2 id="receipt-h">政府信息公开申请回执</h2>
          <p><xsl:value-of select="$g/@name"/>：</p>
          <p>本机关已于<xsl:value-of select="$g/@received-on"/>收到您以<xsl:value-of select="$g/@channel-label"/>方式提交的政府信息公开申请。</p>
          <dl class="column-facts">
            <dt>受理编号</dt><dd><strong><xsl:value-of select="$g/@tracking-no"/></strong></dd>
            <dt>查询码</dt><dd><strong class="query-code"><xsl:value-of select="$g/@query-code"/></strong></dd>
            <dt>答复期限</dt><dd><xsl:value-of select="$g/@due-on"/><xsl:if test="$g/@provisional">（暂定：该年度节假日安排尚未公布）</xsl:if></dd>
            <xsl:if test="$g/@files &gt; 0"><dt>收到的申请材料</dt><dd><xsl:value-of select="$g/@files"/>份扫描件</dd></xsl:if>
            <dt>查询办理进度</dt><dd><xsl:value-of select="$g/@query-url"/>（凭受理编号和查询码）</dd>
          </dl>
          <xsl:if test="$g/body">
            <p class="signature"><xsl:value-of select="$g/body/@name"/></p>
            <p class="meta"><xsl:value-of select="$g/body/@address"/><xsl:if test="string($g/body/@phone)"> · 电话 <xsl:value-of select="$g/body/@phone"/></xsl:if></p>
          </xsl:if>
          <p class="date"><xsl:value-of select="/page/@today"/></p>
        </article>
        <p class="no-print"><a href="{$admin}requests/{$g/@id}">办理该申请</a> · <a href="{$admin}requests/new">继续登记</a></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$f/error">
          <div class="form-error" role="alert" id="form-error">
            <p>请修改以下内容：</p>
            <ul><xsl:for-each select="$f/error"><li><a href="#r-{@field}"><xsl:value-of select="@label"/></a>：<xsl:value-of select="."/></li></xsl:for-each></ul>
          </div>
        </xsl:if>
        <form method="post" action="{$admin}requests/new" class="editor" enctype="multipart/form-data">
          <xsl:call-template name="csrf"/>
          <!-- single-use: the same form sent twice registers one request -->
          <input type="hidden" name="form_token" value="{$f/@token}"/>
          <fieldset>
            <legend>收到申请</legend>
            <div class="row">
              <label for="r-channel">收到渠道</label>
              <select id="r-channel" name="channel">
                <option value="in-person">当面提交（以提交之日为收到之日）</option>
                <option value="registered-post">挂号信件或邮政快递（以签收之日为收到之日）</option>
                <option value="ordinary-post">平常信件（以与申请人确认之日为收到之日）</option>
                <option value="fax">传真（以双方确认之日为收到之日）</option>
                <option value="email">电子邮件（以双方确认之日为收到之日）</option>
              </select>
            </div>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'received_on'"/><xsl:with-param name="l" select="'收到申请之日（按所选渠道的规则）'"/><xsl:with-param name="type" select="'date'"/><xsl:with-param name="dflt" select="$f/@today"/></xsl:call-template>
            <div class="row">
              <label for="r-assigned_body">办理机关（可稍后指定；未指定的由受理机关办理）</label>
              <select id="r-assigned_body" name="assigned_body">
                <option value="">—</option>
                <xsl:for-each select="$f/body">
                  <option value="{@name}"><xsl:if test="@name = $f/value[@name = 'assigned_body']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/><xsl:if test="@receives = '1'">（受理机关）</xsl:if></option>
                </xsl:for-each>
              </select>
            </div>
          </fieldset>
          <fieldset>
            <legend>申请人</legend>
            <div class="row">
              <label for="r-applicant_type">申请人类型</label>
              <select id="r-applicant_type" name="applicant_type">
                <option value="person">公民（自然人）</option>
                <option value="organization"><xsl:if test="$f/value[@name='applicant_type'] = 'organization'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>法人或其他组织</option>
              </select>
            </div>
            <div class="row">
              <label for="r-org_kind">组织类型（法人或其他组织填写）</label>
              <select id="r-org_kind" name="org_kind">
                <option value="">—</option>
                <option value="commercial">商业企业</option>
                <option value="research">科研机构</option>
                <option value="public-interest">社会公益组织</option>
                <option value="legal-services">法律服务机构</option>
                <option value="other">其他</option>
              </select>
            </div>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="l" select="'姓名或组织名称'"/></xsl:call-template>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'org_code'"/><xsl:with-param name="l" select="'统一社会信用代码（组织）'"/></xsl:call-template>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'legal_rep'"/><xsl:with-param name="l" select="'法定代表人或负责人（组织）'"/></xsl:call-template>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'contact'"/><xsl:with-param name="l" select="'联系人（组织）'"/></xsl:call-template>
            <div class="row">
              <label for="r-id_type">证件类型</label>
              <select id="r-id_type" name="id_type">
                <option value="resident-id">居民身份证</option>
                <option value="passport">护照</option>
                <option value="other">其他有效身份证件</option>
              </select>
            </div>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'id_number'"/><xsl:with-param name="l" select="'证件号码'"/></xsl:call-template>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'phone'"/><xsl:with-param name="l" select="'联系电话'"/></xsl:call-template>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'email'"/><xsl:with-param name="l" select="'电子邮箱'"/></xsl:call-template>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'address'"/><xsl:with-param name="l" select="'通信地址'"/></xsl:call-template>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'postcode'"/><xsl:with-param name="l" select="'邮政编码'"/></xsl:call-template>
          </fieldset>
          <fieldset>
            <legend>所需信息</legend>
            <div class="row">
              <label for="r-description">所需信息的名称、文号或其他特征性描述</label>
              <textarea id="r-description" name="description" rows="4"><xsl:value-of select="$f/value[@name='description']"/></textarea>
            </div>
            <xsl:call-template name="f"><xsl:with-param name="n" select="'doc_number'"/><xsl:with-param name="l" select="'文号（如知道）'"/></xsl:call-template>
            <div class="row">
              <label for="r-form">提供形式</label>
              <select id="r-form" name="form"><option value="paper">纸质文本</option><option value="electronic">电子文档</option><option value="disc">光盘</option><option value="disk">磁盘</option></select>
            </div>
            <div class="row">
              <label for="r-delivery">获取方式</label>
              <select id="r-delivery" name="delivery"><option value="post">邮寄</option><option value="email">电子邮件</option><option value="pickup">自行领取</option><option value="fax">传真</option><option value="onsite">当场阅读、抄录</option></select>
            </div>
          </fieldset>
          <fieldset>
            <legend>申请书扫描件</legend>
            <div class="row">
              <label for="r-scan">扫描件（PDF、JPEG或PNG，可选多个）</label>
              <input id="r-scan" name="attachments" type="file" multiple="multiple" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png">
                <xsl:if test="/page/register/error[@field = 'attachments']"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby">form-error</xsl:attribute></xsl:if>
              </input>
            </div>
          </fieldset>
          <div class="actions"><button type="submit">登记</button></div>
        </form>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="f">
    <xsl:param name="n"/><xsl:param name="l"/><xsl:param name="type" select="'text'"/><xsl:param name="dflt"/>
    <xsl:variable name="v" select="/page/register/value[@name = $n]"/>
    <div class="row">
      <label for="r-{$n}"><xsl:value-of select="$l"/></label>
      <input id="r-{$n}" name="{$n}" type="{$type}">
        <xsl:attribute name="value"><xsl:choose><xsl:when test="$v"><xsl:value-of select="$v"/></xsl:when><xsl:otherwise><xsl:value-of select="$dflt"/></xsl:otherwise></xsl:choose></xsl:attribute>
        <xsl:if test="/page/register/error[@field = $n]"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby">form-error</xsl:attribute></xsl:if>
      </input>
    </div>
  </xsl:template>
</xsl:stylesheet>
