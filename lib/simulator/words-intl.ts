// Non-English vocabularies, person names and other proper nouns for generated content. About one
// conversation in twenty is written in one of these languages so that tokenisation, stemming and
// search over mixed-language archives get exercised (accents, umlauts, CJK without spaces, Cyrillic).

export type Language = "en" | "es" | "de" | "fr" | "pt" | "it" | "ja" | "zh" | "ru";

export interface LanguageWords {
  /** Frequency-ordered enough for a Zipf draw: function words first. */
  words: readonly string[];
  /** CJK scripts are written without spaces between words. */
  joiner: string;
  /** Sentence terminators. */
  stops: readonly string[];
  /** A few natural opening requests, used for user prompts. */
  openers: readonly string[];
}

const split = (s: string) => s.split(/\s+/).filter(Boolean);

export const LANGUAGES: Record<Exclude<Language, "en">, LanguageWords> = {
  es: {
    words: split(`
      de la que el en y a los se del las un por con no una su para es al lo como más pero sus le ya o fue
      este ha sí porque esta son entre cuando muy sin sobre también me hasta hay donde quien desde todo nos
      durante todos uno les ni contra otros ese eso ante ellos esto antes algunos qué unos otro otras otra
      él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros informe
      reunión proyecto empresa cliente contrato factura presupuesto equipo semana mes año trabajo datos
      análisis resultado ventas mercado producto servicio problema solución pregunta respuesta documento
      correo oficina gerente plazo entrega revisión propuesta estrategia objetivo riesgo calidad precio
      proveedor acuerdo política seguridad usuario sistema archivo versión cambio mejora proceso tiempo
      ciudad viaje hotel vuelo comida restaurante familia amigo escuela universidad salud médico ley
      necesito quiero puedes podrías ayudar explicar resumir traducir escribir revisar enviar preparar
      importante urgente nuevo grande pequeño mejor bueno claro rápido próximo último primero siguiente
      trimestral anual mensual financiero técnico legal interno externo español inglés mañana hoy ayer`),
    joiner: " ",
    stops: [".", ".", ".", "?"],
    openers: ["¿Puedes ayudarme con", "Necesito un resumen de", "Por favor revisa", "¿Cómo puedo mejorar", "Escribe un correo sobre"],
  },
  de: {
    words: split(`
      der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden
      aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur
      oder aber vor zur bis mehr durch man sein wurde sei hier schon wenn können kann sollte müssen wir
      Bericht Besprechung Projekt Unternehmen Kunde Vertrag Rechnung Angebot Team Woche Monat Jahr Arbeit
      Daten Analyse Ergebnis Umsatz Markt Produkt Dienstleistung Problem Lösung Frage Antwort Dokument
      Nachricht Büro Leiter Frist Lieferung Prüfung Vorschlag Strategie Ziel Risiko Qualität Preis
      Lieferant Vereinbarung Richtlinie Sicherheit Benutzer System Datei Version Änderung Verbesserung
      Prozess Zeit Stadt Reise Flug Essen Familie Freund Schule Gesundheit Gesetz Datenschutz
      brauche möchte kannst könntest helfen erklären zusammenfassen übersetzen schreiben prüfen senden
      wichtig dringend neu groß klein besser gut klar schnell nächste letzte erste folgende vierteljährlich
      jährlich monatlich finanziell technisch rechtlich intern extern deutsch englisch morgen heute gestern
      Übersicht Größe Straße Gebühr Änderungen Zuständigkeit Genehmigung Ausschreibung Kündigungsfrist`),
    joiner: " ",
    stops: [".", ".", ".", "?"],
    openers: ["Kannst du mir helfen mit", "Ich brauche eine Zusammenfassung von", "Bitte prüfe", "Wie kann ich verbessern", "Schreibe eine E-Mail über"],
  },
  fr: {
    words: split(`
      de la le et les des en un du une que est pour qui dans par au sur pas plus ne il ce avec se sont
      son sa elle ou mais comme nous vous leur ont été aussi bien être fait tout cette ses très peut même
      encore sans entre deux après avant donc alors ici rapport réunion projet entreprise client contrat
      facture budget équipe semaine mois année travail données analyse résultat ventes marché produit
      service problème solution question réponse document courriel bureau responsable délai livraison
      révision proposition stratégie objectif risque qualité prix fournisseur accord politique sécurité
      utilisateur système fichier version changement amélioration processus temps ville voyage hôtel vol
      repas famille ami école santé médecin loi besoin voudrais pouvez pourriez aider expliquer résumer
      traduire écrire vérifier envoyer préparer important urgent nouveau grand petit meilleur bon clair
      rapide prochain dernier premier suivant trimestriel annuel mensuel financier technique juridique
      interne externe français anglais demain aujourd'hui hier échéance conformité règlement réglementation`),
    joiner: " ",
    stops: [".", ".", ".", "?"],
    openers: ["Peux-tu m'aider avec", "J'ai besoin d'un résumé de", "Merci de vérifier", "Comment améliorer", "Rédige un courriel sur"],
  },
  pt: {
    words: split(`
      de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem
      à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois
      sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu relatório
      reunião projeto empresa cliente contrato fatura orçamento equipe semana mês ano trabalho dados
      análise resultado vendas mercado produto serviço problema solução pergunta resposta documento
      escritório gerente prazo entrega revisão proposta estratégia objetivo risco qualidade preço
      fornecedor acordo política segurança usuário sistema arquivo versão mudança melhoria processo tempo
      cidade viagem hotel voo comida família amigo escola saúde lei preciso quero pode poderia ajudar
      explicar resumir traduzir escrever revisar enviar preparar importante urgente novo grande pequeno
      melhor bom claro rápido próximo último primeiro seguinte trimestral anual mensal financeiro técnico
      jurídico interno externo português inglês amanhã hoje ontem`),
    joiner: " ",
    stops: [".", ".", ".", "?"],
    openers: ["Você pode me ajudar com", "Preciso de um resumo de", "Por favor revise", "Como posso melhorar", "Escreva um e-mail sobre"],
  },
  it: {
    words: split(`
      di e il la che in a per un è non una del le si con da sono i al alla come più ma lo ha anche gli
      della se nel questo ci ne dei o molto essere questa loro tutto fatto suo sua io dopo prima senza
      ancora già quando perché rapporto riunione progetto azienda cliente contratto fattura bilancio
      squadra settimana mese anno lavoro dati analisi risultato vendite mercato prodotto servizio problema
      soluzione domanda risposta documento ufficio responsabile scadenza consegna revisione proposta
      strategia obiettivo rischio qualità prezzo fornitore accordo politica sicurezza utente sistema file
      versione cambiamento miglioramento processo tempo città viaggio albergo volo cibo famiglia amico
      scuola salute legge bisogno vorrei puoi potresti aiutare spiegare riassumere tradurre scrivere
      controllare inviare preparare importante urgente nuovo grande piccolo migliore buono chiaro veloce
      prossimo ultimo primo seguente trimestrale annuale mensile finanziario tecnico legale interno esterno
      italiano inglese domani oggi ieri`),
    joiner: " ",
    stops: [".", ".", ".", "?"],
    openers: ["Puoi aiutarmi con", "Ho bisogno di un riassunto di", "Per favore controlla", "Come posso migliorare", "Scrivi una email su"],
  },
  ja: {
    words: split(`
      これ それ あれ 私 私たち 会議 報告書 プロジェクト 会社 顧客 契約 請求書 予算 チーム 今週 来月 今年 仕事
      データ 分析 結果 売上 市場 製品 サービス 問題 解決策 質問 回答 資料 メール 事務所 担当者 締め切り 納品
      確認 提案 戦略 目標 リスク 品質 価格 取引先 合意 方針 セキュリティ 利用者 システム ファイル 版 変更 改善
      手順 時間 東京 大阪 出張 ホテル 飛行機 昼食 家族 友達 学校 健康 法律 個人情報 規程 監査 承認 申請
      重要 緊急 新しい 大きい 小さい 良い 明確 早い 次 最後 最初 四半期 年次 月次 財務 技術 法務 社内 社外
      日本語 英語 明日 今日 昨日 説明 要約 翻訳 作成 修正 送信 準備 検討 共有 相談 対応 調査 更新`),
    joiner: "",
    stops: ["。", "。", "。", "か。"],
    openers: ["手伝ってください:", "要約してください:", "確認をお願いします:", "改善方法を教えてください:", "メールを書いてください:"],
  },
  zh: {
    words: split(`
      我们 你 他们 这个 那个 会议 报告 项目 公司 客户 合同 发票 预算 团队 本周 下个月 今年 工作 数据 分析
      结果 销售 市场 产品 服务 问题 解决方案 回答 文件 邮件 办公室 负责人 截止日期 交付 审核 建议 策略 目标
      风险 质量 价格 供应商 协议 政策 安全 用户 系统 版本 变更 改进 流程 时间 北京 上海 出差 酒店 航班 午餐
      家人 朋友 学校 健康 法律 隐私 合规 审计 批准 申请 重要 紧急 新的 大 小 更好 清楚 快速 下一个 最后 第一
      季度 年度 月度 财务 技术 法务 内部 外部 中文 英文 明天 今天 昨天 解释 总结 翻译 编写 修改 发送 准备`),
    joiner: "",
    stops: ["。", "。", "。", "？"],
    openers: ["请帮我", "请总结一下", "请检查", "如何改进", "请写一封邮件关于"],
  },
  ru: {
    words: split(`
      и в не на я что он с как это по но к у из за то так же от все она было мы его для вы ты о бы
      только уже если когда там еще или нет даже чтобы очень при без может после до отчет встреча проект
      компания клиент договор счет бюджет команда неделя месяц год работа данные анализ результат продажи
      рынок продукт услуга проблема решение вопрос ответ документ письмо офис руководитель срок поставка
      проверка предложение стратегия цель риск качество цена поставщик соглашение политика безопасность
      пользователь система файл версия изменение улучшение процесс время город поездка гостиница рейс обед
      семья друг школа здоровье закон нужно хочу можешь помочь объяснить кратко перевести написать
      проверить отправить подготовить важный срочный новый большой маленький лучше хороший ясный быстрый
      следующий последний первый квартальный годовой ежемесячный финансовый технический юридический
      внутренний внешний русский английский завтра сегодня вчера`),
    joiner: " ",
    stops: [".", ".", ".", "?"],
    openers: ["Помоги мне с", "Нужна краткая сводка по", "Пожалуйста, проверь", "Как улучшить", "Напиши письмо о"],
  },
};

/** Japanese particles placed between words so the text reads like sentences. */
export const JA_PARTICLES = ["の", "を", "に", "は", "で", "と", "が", "も"];
export const JA_ENDINGS = ["です", "します", "ください", "になります", "してください", "ですか"];

export const FIRST_NAMES = split(`
  Ana Li Wei Mohammed Fatima Olivia Liam Emma Noah Ava Sophia Lucas Mia Ethan Isabella Mason Amelia Logan
  Harper James Evelyn Benjamin Abigail Elijah Emily Oliver Charlotte Jacob Sofia Daniel Chloe Henry Grace
  Samuel Zoe David Nora Joseph Lily Carter Hannah Owen Aria Wyatt Layla John Riley Jack Leah Luke Aubrey
  Jayden Victoria Dylan Ellie Gabriel Stella Isaac Hazel Anthony Aurora Julian Penelope Levi Scarlett Aaron
  Lucy Eli Violet Thomas Claire Charles Naomi Christopher Maya Josiah Elena Andrew Sarah Hiroshi Yuki Kenji
  Aiko Haruto Sakura Min-jun Ji-woo Seo-yeon Priya Arjun Aditya Ananya Rohan Kavya Vikram Deepa Chen Mei
  Jun Xin Hao Lin Alejandro Lucía Mateo Valentina Diego Camila Santiago Martina Javier Carmen Pablo Elena
  Lukas Lea Felix Anna Jonas Marie Leon Lena Maximilian Hannah Pierre Camille Louis Manon Hugo Chloé Jules
  Inès Giulia Marco Francesca Luca Chiara Matteo Sofia Lars Ingrid Sven Astrid Mikael Freya Olga Dmitri
  Natalia Ivan Tatiana Sergei Aisha Omar Layla Yusuf Zainab Kwame Amara Chidi Ngozi Tunde Nia Kofi Thandiwe
  Siobhan Niamh Cian Aoife Mateus Beatriz Rafael Joana Tomasz Agnieszka Piotr Katarzyna Eitan Noa
`);

export const LAST_NAMES = split(`
  Ruiz Wei Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
  Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
  Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson
  Baker Hall Rivera Campbell Mitchell Carter Roberts Tanaka Suzuki Takahashi Watanabe Yamamoto Nakamura
  Kobayashi Kim Park Choi Jung Kang Patel Sharma Singh Gupta Iyer Reddy Mehta Chen Wang Zhang Liu Huang
  Zhao Wu Zhou Sun Fernández González Rodríguez Pérez Sánchez Romero Navarro Müller Schmidt Schneider
  Fischer Weber Meyer Wagner Becker Schulz Hoffmann Dubois Lefebvre Moreau Laurent Simon Michel Rossi
  Russo Ferrari Esposito Bianchi Romano Colombo Andersson Johansson Karlsson Nilsson Larsen Hansen
  Ivanov Petrov Smirnova Kuznetsov Popova Haddad Khalil Mansour Okafor Mensah Adeyemi Nkosi Mwangi Diallo
  O'Brien Murphy Kelly Byrne Silva Santos Oliveira Costa Kowalski Nowak Wiśniewski Cohen Levi Friedman
`);

export const COMPANY_NAMES = split(`
  northwind contoso fabrikam tailspin adatum litware proseware wingtip woodgrove fourthcoffee alpineski
  bluewater cobalt greenleaf ironbridge lumen meridian nimbus orchard pinnacle quantum redwood silverline
  summit terra vertex zephyr
`);

export const CITIES = split(`
  London Paris Berlin Madrid Rome Lisbon Amsterdam Dublin Stockholm Oslo Copenhagen Helsinki Warsaw Prague
  Vienna Zurich Geneva Brussels Barcelona Munich Milan Tokyo Osaka Seoul Singapore Sydney Melbourne Auckland
  Toronto Vancouver Montreal Chicago Boston Seattle Austin Denver Atlanta Miami Dallas Houston Phoenix
  Mumbai Bangalore Delhi Shanghai Beijing Shenzhen Dubai Nairobi Lagos Johannesburg Cairo Istanbul
`);

export const MONTHS = split(`January February March April May June July August September October November December`);

export const DEPARTMENTS = split(`Finance Legal Engineering Marketing Sales Operations Procurement Security Research Support People Design`);
